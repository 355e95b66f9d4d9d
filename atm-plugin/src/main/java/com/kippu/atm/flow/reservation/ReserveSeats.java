package com.kippu.atm.flow.reservation;

import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.center.SeatUnavailableException;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Signal;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.HoldPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.time.Clock;

/**
 * Registers a reservation to pay later with the card id and a request number journaled first (F1,
 * S1 ¶36-37); the center answers with signed reservation info whose signature and echo the center
 * client has checked, and it must name the seats and price the customer saw. Compensation releases
 * it while {@link PurchaseSession#holdReleasable()} allows, that is until it is on the card.
 */
public final class ReserveSeats implements Step<PurchaseSession> {
  private final IssuerCenter center;
  private final CustomerTerminal customer;
  private final Clock clock;

  public ReserveSeats(IssuerCenter center, CustomerTerminal customer, Clock clock) {
    this.center = center;
    this.customer = customer;
    this.clock = clock;
  }

  @Override
  public String id() {
    return "reserve-seats";
  }

  @Override
  public Outcome prepare(PurchaseSession session) {
    session.hold().toPayLater();
    session.hold().nextRequestNumber(session.id().value());
    return Outcome.next();
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    HoldPart hold = session.hold();
    Reservation reservation;
    try {
      reservation =
          center.reserveToPayLater(
              hold.eventId().orElseThrow(),
              hold.seatIds(),
              session.card().requiredCardId(),
              hold.requestNumber().orElseThrow());
    } catch (SeatUnavailableException e) {
      customer.inform(
          Screens.notice(
              "seat-taken", Text.of("seat-taken.title"), Text.of("notice.choose-again")));
      return Outcome.signal(Signal.SEAT_TAKEN, "seat taken: " + e.seats());
    }
    hold.granted(reservation, clock.instant());
    if (!hold.grantedAsShown()) {
      return Outcome.fail(
          "reservation " + reservation.number() + " does not match the seats or price shown");
    }
    return Outcome.next();
  }

  @Override
  public void compensate(PurchaseSession session) throws Exception {
    if (!session.holdReleasable()) {
      return;
    }
    center.cancel(
        session.hold().number().orElseThrow(), "customer left before it reached the card");
    session.hold().released();
  }
}
