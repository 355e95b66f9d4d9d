package com.kippu.atm.flow.purchase;

import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.SeatUnavailableException;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.spi.CustomerTerminal;
import java.time.Clock;
import java.util.List;

/**
 * Registers the reservation with the issuer (S1 ¶101, S36-S37) and checks that the signed
 * reservation info is for the seats and price the customer saw. Compensation releases the hold, but
 * only while no money may have moved (STYLE ¶10) and while the center has not issued against it (a
 * refused ticket: the center answers RESERVATION_ISSUED to a cancel).
 */
public final class HoldSeats implements Step<PurchaseSession> {
  private final IssuerCenter center;
  private final CustomerTerminal customer;
  private final Clock clock;

  public HoldSeats(IssuerCenter center, CustomerTerminal customer, Clock clock) {
    this.center = center;
    this.customer = customer;
    this.clock = clock;
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    List<com.kippu.atm.center.SeatId> seatIds = session.seats().stream().map(Seat::seatId).toList();
    Reservation reservation;
    try {
      reservation =
          center.reserve(
              session.event().eventId(),
              seatIds,
              session.chip().cardId(),
              session.nextRequestNumber());
    } catch (SeatUnavailableException e) {
      customer.inform(Screens.notice("seat-taken", "Seat no longer free", "Please choose again."));
      return Outcome.backTo(SelectSeats.class, "seat taken: " + e.seats());
    }
    session.reservation(reservation, clock.instant());
    long shownPrice = session.seats().stream().mapToLong(s -> s.price().yen()).sum();
    List<com.kippu.atm.center.SeatId> reserved =
        reservation.seats().stream().map(s -> s.seatId()).toList();
    if (!reserved.equals(seatIds) || reservation.amount().yen() != shownPrice) {
      return Outcome.fail(
          "reservation " + reservation.number() + " does not match the seats or price shown");
    }
    return Outcome.next();
  }

  @Override
  public void compensate(PurchaseSession session) throws Exception {
    if (session.reservation().isEmpty()
        || session.moneyMayHaveMoved()
        || session.refusedTicket().isPresent()) {
      return;
    }
    center.cancel(session.reservation().get().number(), "customer session ended without payment");
  }
}
