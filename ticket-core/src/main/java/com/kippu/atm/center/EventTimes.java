package com.kippu.atm.center;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Shows the center's times the way the terminal's customers read them: in the terminal's zone, to
 * the minute ("2026-12-24 18:00"), on screens, receipts and the decoded card view alike.
 */
public final class EventTimes {
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private EventTimes() {}

  /** {@code instant} in {@code zone}, to the minute. */
  public static String local(Instant instant, ZoneId zone) {
    return MINUTES.format(instant.atZone(zone));
  }

  /** {@code instant} in {@code zone}, to the second, as receipts print the time of a sale. */
  public static String localToSecond(Instant instant, ZoneId zone) {
    return SECONDS.format(instant.atZone(zone));
  }

  /**
   * An event start as the center sends it (ISO 8601 with offset) in {@code zone}; text that is not
   * such a time is shown as it came rather than hidden.
   */
  public static String local(String startsAt, ZoneId zone) {
    try {
      return local(OffsetDateTime.parse(startsAt).toInstant(), zone);
    } catch (DateTimeException e) {
      return startsAt;
    }
  }
}
