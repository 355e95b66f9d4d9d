package com.kippu.atm.flow.purchase;

import com.kippu.atm.center.Availability;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.Seat;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.Screen.Choice;
import com.kippu.atm.spi.Text;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The customer enters ticket conditions, sees availability and changes them until satisfied (S1
 * ¶99-100, steps S32-S35): event first, then a seat among those still free.
 */
public final class SelectSeats implements Step<PurchaseSession> {
  static final int MAX_SEATS_SHOWN = 30;

  private final IssuerCenter center;
  private final CustomerTerminal customer;
  private final ZoneId zone;

  public SelectSeats(IssuerCenter center, CustomerTerminal customer, ZoneId zone) {
    this.center = center;
    this.customer = customer;
    this.zone = zone;
  }

  @Override
  public String id() {
    return "select-seats";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    while (true) {
      Optional<EventSummary> event = chooseEvent();
      if (event.isEmpty()) {
        return Outcome.cancel("customer cancelled at event choice");
      }
      List<Seat> free =
          center.seats(event.get().eventId()).stream().filter(Seat::available).toList();
      if (free.isEmpty()) {
        customer.inform(
            Screens.notice(
                "sold-out",
                Text.of("sold-out.title"),
                Text.of("sold-out.line", event.get().title())));
        continue;
      }
      Answer seat = customer.show(seatScreen(event.get(), free));
      if (seat.is(Screens.BACK.key())) {
        continue;
      }
      Optional<Seat> chosen = free.stream().filter(s -> seat.is(s.seatId().value())).findFirst();
      if (chosen.isEmpty()) {
        return Outcome.cancel("customer cancelled at seat choice");
      }
      session.hold().choose(event.get(), List.of(chosen.get()));
      return Outcome.next();
    }
  }

  private Optional<EventSummary> chooseEvent() throws Exception {
    List<EventSummary> events = center.events();
    List<Text> lines = new ArrayList<>();
    List<Choice> choices = new ArrayList<>();
    for (EventSummary e : events) {
      lines.add(
          Text.of(
              "select-event.line",
              e.title(),
              e.venue(),
              Screens.when(e.startsAt(), zone),
              e.priceFrom(),
              label(e)));
      if (e.availability() != Availability.SOLD_OUT) {
        choices.add(new Choice(e.eventId().value(), Text.plain(e.title())));
      }
    }
    choices.add(Screens.CANCEL);
    Answer answer =
        customer.show(Screens.ask("select-event", Text.of("select-event.title"), lines, choices));
    return events.stream().filter(e -> answer.is(e.eventId().value())).findFirst();
  }

  /** The seat choice of {@code event} among its {@code free} seats: every price level shown. */
  public static Screen seatScreen(EventSummary event, List<Seat> free) {
    List<Choice> choices = new ArrayList<>();
    Map<String, List<Seat>> bySection = new LinkedHashMap<>();
    free.forEach(s -> bySection.computeIfAbsent(s.section(), k -> new ArrayList<>()).add(s));
    // Every price level stays visible: the best free seats of each section, not the first N
    // overall.
    int perSection = Math.max(1, MAX_SEATS_SHOWN / bySection.size());
    for (List<Seat> section : bySection.values()) {
      for (Seat s : section.subList(0, Math.min(section.size(), perSection))) {
        choices.add(
            new Choice(
                s.seatId().value(),
                Text.of("select-seat.choice", Screens.seat(s, event), s.price())));
      }
    }
    choices.add(Screens.BACK);
    choices.add(Screens.CANCEL);
    List<Text> lines =
        List.of(
            Text.of("select-seat.event", event.title(), event.venue()),
            Text.of("select-seat.free", free.size(), label(event)));
    return Screens.ask("select-seat", Text.of("select-seat.title"), lines, choices);
  }

  static Text label(EventSummary e) {
    return Text.of("availability." + e.availability().name());
  }
}
