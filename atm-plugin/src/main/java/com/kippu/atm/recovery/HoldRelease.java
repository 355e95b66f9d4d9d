package com.kippu.atm.recovery;

import com.kippu.atm.card.CardId;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.center.ReservationNumber;
import com.kippu.atm.center.SeatUnavailableException;
import com.kippu.atm.flow.parts.HoldPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.recovery.PurchaseRecovery.Action;
import com.kippu.atm.recovery.PurchaseRecovery.Recovered;
import java.util.Map;
import java.util.Optional;

/**
 * Releases the hold of a recovered session where no money stands — also a hold whose answer the
 * crash lost, found again by its request number. A reservation on the customer's card (F1-F3) is
 * theirs and never released; a direct purchase (F6) holds nothing before its sale.
 */
final class HoldRelease {
  private final IssuerCenter center;
  private final Closing closing;

  HoldRelease(IssuerCenter center, Closing closing) {
    this.center = center;
    this.closing = closing;
  }

  /** Releases the hold, ending the session as {@code done}. */
  Recovered release(PurchaseSession s, String flow, Action done) {
    Optional<ReservationNumber> held = s.hold().number();
    Action nothing = done == Action.HOLD_RELEASED ? Action.NOTHING_TO_DO : done;
    if (s.hold().onCard()) {
      return closing.close(
          s,
          flow,
          Map.of(),
          nothing,
          "reservation " + held.map(ReservationNumber::value).orElse("?") + " stays on the card");
    }
    try {
      if (held.isEmpty()) {
        held = lostHold(s);
      }
      if (held.isEmpty()) {
        return closing.close(s, flow, Map.of(), nothing, "");
      }
      center.cancel(held.get(), "terminal restarted during the session");
    } catch (CenterException e) {
      if (Refusals.RESERVATION_ISSUED.equals(e.code())) {
        // No payment of this session stands (none approved): a ticket nobody paid for.
        return closing.staff(
            s,
            flow,
            Map.of(),
            "reservation "
                + held.map(ReservationNumber::value).orElse("?")
                + " was issued at the center without a payment of this terminal: the issuer"
                + " must void its ticket");
      }
      return closing.retry(s, flow, "hold release failed: " + e.getMessage());
    }
    return closing.close(s, flow, Map.of(), done, "reservation " + held.get() + " released");
  }

  /**
   * A hold asked for but never journaled as granted: asking again with the same request number
   * returns it if the center stored it (or holds afresh, released at once just the same). A direct
   * purchase's request number is a sale's, sent only once paid: there is no hold to find.
   */
  private Optional<ReservationNumber> lostHold(PurchaseSession s) throws CenterException {
    HoldPart hold = s.hold();
    Optional<CardId> card = s.card().cardId();
    if (hold.direct()
        || hold.requestNumber().isEmpty()
        || hold.eventId().isEmpty()
        || card.isEmpty()) {
      return Optional.empty();
    }
    EventId event = hold.eventId().get();
    try {
      Reservation found =
          hold.payLater()
              ? center.reserveToPayLater(
                  event, hold.seatIds(), card.get(), hold.requestNumber().get())
              : center.reserve(event, hold.seatIds(), card.get(), hold.requestNumber().get());
      return Optional.of(found.number());
    } catch (SeatUnavailableException e) {
      return Optional.empty();
    }
  }
}
