package com.kippu.atm.flow.reservation;

import com.kippu.atm.center.Reservation;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Signal;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen.Choice;
import com.kippu.atm.spi.Text;
import java.time.ZoneId;
import java.util.List;

/**
 * Shows the issuer's reservation info (S1 ¶37: content, issuer, reservation number, amount, payment
 * deadline) and asks whether to keep it on the card, or change the conditions and ask again (S1
 * ¶35), which {@link Signal#CONDITIONS_CHANGED} routes back and releases it.
 */
public final class ConfirmReservation implements Step<PurchaseSession> {
  static final String KEEP = "keep";
  static final String CHANGE = "change";

  private final CustomerTerminal customer;
  private final ZoneId zone;

  public ConfirmReservation(CustomerTerminal customer, ZoneId zone) {
    this.customer = customer;
    this.zone = zone;
  }

  @Override
  public String id() {
    return "confirm-reservation";
  }

  @Override
  public Outcome run(PurchaseSession session) {
    Answer answer = customer.show(screen(session.hold().granted(), zone));
    if (answer.is(KEEP)) {
      return Outcome.next();
    }
    if (answer.is(CHANGE)) {
      return Outcome.signal(Signal.CONDITIONS_CHANGED, "customer changes the conditions");
    }
    return Outcome.cancel("customer cancelled the reservation before it reached the card");
  }

  static com.kippu.atm.spi.Screen screen(Reservation r, ZoneId zone) {
    List<Text> lines =
        List.of(
            Text.of("reservation.event", r.title(), r.venue(), Screens.when(r.startsAt(), zone)),
            Text.of("reservation.seat", Screens.seat(r.seats().get(0)), r.seats().size()),
            Text.of("reservation.issuer", r.issuerName()),
            Text.of("reservation.amount", r.amount(), r.number().value()),
            Text.of("reservation.deadline", Screens.when(r.expiresAt(), zone)));
    return Screens.ask(
        "confirm-reservation",
        Text.of("confirm-reservation.title"),
        lines,
        List.of(
            new Choice(KEEP, Text.of("confirm-reservation.keep")),
            new Choice(CHANGE, Text.of("confirm-reservation.change")),
            Screens.CANCEL));
  }
}
