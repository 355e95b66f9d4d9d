package com.kippu.atm.flow.direct;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.Quote;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.center.SeatUnavailableException;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Signal;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.HoldPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.util.List;

/**
 * Asks the issuer center whether the chosen seats can be sold (S1 ¶109) and takes its signed quote:
 * the price, and the issuer account the payment goes to (S1 ¶56, claim 6), verified under the
 * issuer's root-certified key by the center client. The quote must be for the seats and price the
 * customer saw. Nothing is held, so there is nothing to compensate.
 */
public final class QuoteSeats implements Step<PurchaseSession> {
  private final Quoting quoting;
  private final CustomerTerminal customer;

  /** How the quote is asked for: for the session's card (F6), or for none yet (F7). */
  @FunctionalInterface
  public interface Quoting {
    Quote quote(EventId eventId, List<SeatId> seatIds, PurchaseSession session)
        throws CenterException;
  }

  /** Quotes for the card read at the start of the session (F6). */
  public QuoteSeats(IssuerCenter center, CustomerTerminal customer) {
    this(
        (event, seats, session) -> center.quote(event, seats, session.card().requiredCardId()),
        customer);
  }

  public QuoteSeats(Quoting quoting, CustomerTerminal customer) {
    this.quoting = quoting;
    this.customer = customer;
  }

  @Override
  public String id() {
    return "quote-seats";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    HoldPart hold = session.hold();
    Quote quote;
    try {
      quote = quoting.quote(hold.eventId().orElseThrow(), hold.seatIds(), session);
    } catch (SeatUnavailableException e) {
      customer.inform(
          Screens.notice(
              "seat-taken", Text.of("seat-taken.title"), Text.of("notice.choose-again")));
      return Outcome.signal(Signal.SEAT_TAKEN, "seat taken: " + e.seats());
    }
    long shownPrice = hold.seats().stream().mapToLong(s -> s.price().yen()).sum();
    if (!quote.seatIds().equals(hold.seatIds()) || quote.amount().yen() != shownPrice) {
      return Outcome.fail("the quote does not match the seats or price shown");
    }
    hold.quoted(quote, session.id().value());
    return Outcome.next();
  }
}
