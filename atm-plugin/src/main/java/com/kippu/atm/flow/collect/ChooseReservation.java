package com.kippu.atm.flow.collect;

import com.kippu.atm.card.IcCard;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.collect.ReservationsOnCard.Found;
import com.kippu.atm.flow.collect.ReservationsOnCard.Standing;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen.Choice;
import com.kippu.atm.spi.Text;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists the reservations on the card with their standing (expired, paid elsewhere, cancelled ones
 * shown as such) and lets the customer choose one to pay (S1 ¶44-50, S21-S22). One that cannot be
 * paid is refused with a screen saying why, before any money moves, and the list comes back.
 */
public final class ChooseReservation implements Step<PurchaseSession> {
  private final IcCard card;
  private final ReservationsOnCard onCard;
  private final CustomerTerminal customer;
  private final Clock clock;
  private final ZoneId zone;
  private final Duration margin;

  /**
   * @param margin how long a reservation must still last when chosen, as {@link
   *     com.kippu.atm.flow.purchase.ConfirmHold#margin}
   */
  public ChooseReservation(
      IcCard card,
      com.kippu.atm.flow.reservation.ReservationRecords records,
      com.kippu.atm.center.IssuerCenter center,
      CustomerTerminal customer,
      Clock clock,
      ZoneId zone,
      Duration margin) {
    this.card = card;
    this.onCard = new ReservationsOnCard(records, center);
    this.customer = customer;
    this.clock = clock;
    this.zone = zone;
    this.margin = margin;
  }

  @Override
  public String id() {
    return "choose-reservation";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    while (true) {
      List<Found> found =
          onCard.list(card, session.card().requiredCardId(), clock.instant(), margin);
      if (found.isEmpty()) {
        customer.inform(
            Screens.notice(
                "no-reservations",
                Text.of("no-reservations.title"),
                Text.of("no-reservations.line")));
        return Outcome.cancel("no reservation on the card");
      }
      Answer answer = customer.show(listScreen(found));
      Optional<Found> chosen =
          found.stream().filter(f -> answer.is(f.reservation().number().value())).findFirst();
      if (chosen.isEmpty()) {
        return Outcome.cancel("customer cancelled at the choice of reservation");
      }
      if (chosen.get().standing() == Standing.PAYABLE) {
        session.hold().fromCard(chosen.get().reservation(), clock.instant());
        return Outcome.next();
      }
      customer.inform(refusal(chosen.get()));
    }
  }

  private com.kippu.atm.spi.Screen listScreen(List<Found> found) {
    List<Text> lines = new ArrayList<>();
    List<Choice> choices = new ArrayList<>();
    for (Found f : found) {
      var r = f.reservation();
      Text standing = Text.of("reservation.standing." + f.standing().name());
      lines.add(
          Text.of(
              "choose-reservation.line",
              r.number().value(),
              r.title(),
              Screens.seat(r.seats().get(0)),
              r.amount(),
              Screens.when(r.expiresAt(), zone),
              standing));
      choices.add(
          new Choice(
              r.number().value(),
              Text.of("choose-reservation.choice", r.title(), r.number().value(), standing)));
    }
    choices.add(Screens.CANCEL);
    return Screens.ask("choose-reservation", Text.of("choose-reservation.title"), lines, choices);
  }

  private com.kippu.atm.spi.Screen refusal(Found f) {
    var r = f.reservation();
    return Screens.notice(
        "reservation-refused",
        Text.of("reservation-refused.title"),
        Text.of(
            "reservation-refused." + f.standing().name(),
            r.number().value(),
            Screens.when(r.expiresAt(), zone),
            f.ticket().orElse("-")),
        Text.of("reservation-refused.nothing-charged"));
  }
}
