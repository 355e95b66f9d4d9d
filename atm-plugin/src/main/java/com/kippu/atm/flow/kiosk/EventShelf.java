package com.kippu.atm.flow.kiosk;

import com.kippu.atm.center.Availability;
import com.kippu.atm.center.CatalogChoice;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.KioskCenter;
import com.kippu.atm.center.Seat;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.flow.purchase.SelectSeats;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen.Choice;
import com.kippu.atm.spi.Text;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Event tickets browsed down the hierarchy of S2 ¶22: genre, artist, date and venue, then a free
 * seat; each level shows what remains on sale (S1 ¶36) and leads back up a level.
 */
final class EventShelf {
  private final IssuerCenter seats;
  private final KioskCenter catalog;
  private final CustomerTerminal customer;
  private final ZoneId zone;

  EventShelf(IssuerCenter seats, KioskCenter catalog, CustomerTerminal customer, ZoneId zone) {
    this.seats = seats;
    this.catalog = catalog;
    this.customer = customer;
    this.zone = zone;
  }

  private enum Level {
    GENRE,
    ARTIST,
    EVENT,
    SEAT
  }

  Outcome browse(PurchaseSession session) throws CenterException {
    Level level = Level.GENRE;
    String genre = null;
    String artist = null;
    EventSummary event = null;
    while (true) {
      switch (level) {
        case GENRE -> {
          Optional<String> chosen = pick("select-genre", catalog.genres(), false);
          if (chosen.isEmpty()) {
            return Outcome.cancel("customer cancelled at genre");
          }
          genre = chosen.get();
          level = Level.ARTIST;
        }
        case ARTIST -> {
          Answer answer = show("select-artist", catalog.artists(genre));
          if (answer.is(Screens.BACK.key())) {
            level = Level.GENRE;
          } else if (answer.kind() != Answer.Kind.CHOSEN) {
            return Outcome.cancel("customer cancelled at artist");
          } else {
            artist = answer.key();
            level = Level.EVENT;
          }
        }
        case EVENT -> {
          List<EventSummary> events = catalog.events(genre, artist);
          Answer answer = customer.show(eventScreen(events));
          Optional<EventSummary> chosen =
              events.stream().filter(e -> answer.is(e.eventId().value())).findFirst();
          if (answer.is(Screens.BACK.key())) {
            level = Level.ARTIST;
          } else if (chosen.isEmpty()) {
            return Outcome.cancel("customer cancelled at date and venue");
          } else {
            event = chosen.get();
            level = Level.SEAT;
          }
        }
        case SEAT -> {
          List<Seat> free = seats.seats(event.eventId()).stream().filter(Seat::available).toList();
          if (free.isEmpty()) {
            customer.inform(
                Screens.notice(
                    "sold-out",
                    Text.of("sold-out.title"),
                    Text.of("sold-out.line", event.title())));
            level = Level.EVENT;
            continue;
          }
          Answer answer = customer.show(SelectSeats.seatScreen(event, free));
          Optional<Seat> chosen =
              free.stream().filter(s -> answer.is(s.seatId().value())).findFirst();
          if (answer.is(Screens.BACK.key())) {
            level = Level.EVENT;
          } else if (chosen.isEmpty()) {
            return Outcome.cancel("customer cancelled at seat");
          } else {
            session.hold().choose(event, List.of(chosen.get()));
            return Outcome.next();
          }
        }
      }
    }
  }

  /** A genre or artist level; the choice keys are the names themselves. */
  private Optional<String> pick(String screen, List<CatalogChoice> choices, boolean back) {
    Answer answer = customer.show(levelScreen(screen, choices, back));
    return choices.stream().map(CatalogChoice::name).filter(answer::is).findFirst();
  }

  private Answer show(String screen, List<CatalogChoice> choices) {
    return customer.show(levelScreen(screen, choices, true));
  }

  private static com.kippu.atm.spi.Screen levelScreen(
      String screen, List<CatalogChoice> levels, boolean back) {
    List<Choice> choices = new ArrayList<>();
    for (CatalogChoice c : levels) {
      if (c.availability() != Availability.SOLD_OUT) {
        choices.add(
            new Choice(
                c.name(),
                Text.of(
                    "browse.choice",
                    c.name(),
                    c.events(),
                    Text.of("availability." + c.availability().name()))));
      }
    }
    if (back) {
      choices.add(Screens.BACK);
    }
    choices.add(Screens.CANCEL);
    return Screens.ask(screen, Text.of(screen + ".title"), List.of(), choices);
  }

  private com.kippu.atm.spi.Screen eventScreen(List<EventSummary> events) {
    List<Text> lines = new ArrayList<>();
    List<Choice> choices = new ArrayList<>();
    for (EventSummary e : events) {
      Text availability = Text.of("availability." + e.availability().name());
      lines.add(
          Text.of(
              "select-event.line",
              e.title(),
              e.venue(),
              Screens.when(e.startsAt(), zone),
              e.priceFrom(),
              availability));
      if (e.availability() != Availability.SOLD_OUT) {
        choices.add(
            new Choice(
                e.eventId().value(),
                Text.of("select-date-venue.choice", Screens.when(e.startsAt(), zone), e.venue())));
      }
    }
    choices.add(Screens.BACK);
    choices.add(Screens.CANCEL);
    return Screens.ask("select-date-venue", Text.of("select-date-venue.title"), lines, choices);
  }
}
