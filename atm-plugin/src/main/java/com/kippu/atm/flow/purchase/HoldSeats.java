package com.kippu.atm.flow.purchase;

import com.kippu.atm.card.CardId;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.center.SeatUnavailableException;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Signal;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.HoldPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.time.Clock;

/**
 * Registers the reservation with the issuer (S1 ¶101, S36-S37) under a request number journaled
 * first, and checks that the signed reservation info is for the seats and price the customer saw.
 * Compensation releases the hold when {@link PurchaseSession#holdReleasable()} allows it — the one
 * place a live session releases a hold, whether the customer cancels, a payment fails for good or
 * the flow goes back to choose seats again.
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
  public String id() {
    return "hold-seats";
  }

  @Override
  public Outcome prepare(PurchaseSession session) {
    session.hold().nextRequestNumber(session.id().value());
    return Outcome.next();
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    HoldPart hold = session.hold();
    Reservation reservation;
    try {
      // The request number makes a repeat return the same hold, never a second one.
      reservation =
          AskAgain.whileUnknown(
              "hold " + hold.requestNumber().orElseThrow(),
              () ->
                  center.reserve(
                      hold.eventId().orElseThrow(),
                      hold.seatIds(),
                      session.card().requiredCardId(),
                      hold.requestNumber().orElseThrow()));
    } catch (SeatUnavailableException e) {
      customer.inform(
          Screens.notice(
              "seat-taken", Text.of("seat-taken.title"), Text.of("notice.choose-again")));
      return Outcome.signal(Signal.SEAT_TAKEN, "seat taken: " + e.seats());
    } catch (CenterException e) {
      if ("CARD_LOST".equals(e.code())) {
        // A card the issuer invalidated on its own server (S2 ¶38): nothing is sold onto it.
        CardId card = session.card().requiredCardId();
        customer.inform(
            Screens.notice(
                "card-refused",
                Text.of("card-refused.title"),
                Text.of("card-refused.issuer", card.value())));
        return Outcome.cancel("card " + card + " refused by the center: " + e.getMessage());
      }
      if (!e.outcomeUnknown()) {
        throw e;
      }
      // The center may hold the seats: recovery asks again under the request number and
      // releases them, as after a crash.
      return Outcome.unsettled("hold unsettled: " + e.getMessage());
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
    center.cancel(session.hold().number().orElseThrow(), "customer session ended without payment");
    session.hold().released();
  }
}
