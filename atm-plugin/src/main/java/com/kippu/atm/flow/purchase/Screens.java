package com.kippu.atm.flow.purchase;

import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.ReservedSeat;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.Seating;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.Screen.Choice;
import com.kippu.atm.spi.SeatName;
import com.kippu.atm.spi.Text;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Builders for the purchase screens; ids are stable because hosts and scripts key on them, and
 * every text is a message key of the plugin's bundles ({@link com.kippu.atm.spi.Messages}).
 */
public final class Screens {
  public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration NOTICE = Duration.ZERO;
  public static final Choice CANCEL = new Choice("cancel", Text.of("choice.cancel"));
  public static final Choice BACK = new Choice("back", Text.of("choice.back"));

  private Screens() {}

  public static Screen ask(String id, Text title, List<Text> lines, List<Choice> choices) {
    return new Screen(id, title, lines, choices, ANSWER_TIMEOUT);
  }

  /**
   * A screen with an entry field labelled {@code field}: the customer types text (answered with
   * {@link com.kippu.atm.spi.Answer#entered}) or cancels.
   */
  public static Screen entry(String id, Text title, List<Text> lines, Text field) {
    return new Screen(
        id, title, lines, List.of(new Choice(Screen.ENTRY, field), CANCEL), ANSWER_TIMEOUT);
  }

  public static Screen notice(String id, Text title, Text... lines) {
    return new Screen(id, title, List.of(lines), List.of(), NOTICE);
  }

  /** An instant as the terminal's customers read it: local time in the terminal's zone. */
  public static LocalDateTime when(Instant instant, ZoneId zone) {
    return LocalDateTime.ofInstant(instant, zone);
  }

  /** A time as the center sends it (ISO 8601 with offset); other text is shown as it came. */
  public static Object when(String startsAt, ZoneId zone) {
    try {
      return when(OffsetDateTime.parse(startsAt).toInstant(), zone);
    } catch (DateTimeException e) {
      return startsAt;
    }
  }

  /** A seat of {@code event}'s map, named as its seating is (a train's by car). */
  public static SeatName seat(Seat s, EventSummary event) {
    return new SeatName(Seating.ofGenre(event.genre()), s.section(), s.row(), s.number());
  }

  public static SeatName seat(ReservedSeat s) {
    return new SeatName(s.seating(), s.section(), s.row(), s.number());
  }
}
