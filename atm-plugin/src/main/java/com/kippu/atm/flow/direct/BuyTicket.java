package com.kippu.atm.flow.direct;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.Sale;
import com.kippu.atm.center.SeatUnavailableException;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Signal;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.HoldPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethod;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.flow.purchase.AskAgain;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.recovery.Refusals;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Buys the paid seats at the center in one request (F6, S1 ¶109 S27-S29, {@code POST
 * /v1/purchases}) under the request number journaled with the quote, so a repeat is the same sale.
 * The signed reservation and ticket must be this session's: these seats, this card, this payment.
 * Seats sold to someone else since the quote send the customer back to choose again, the payment
 * taken back on the way; any other refusal ends the session with the payment taken back. While the
 * center's answer is unknown the session is left {@link Outcome#unsettled} for recovery, which asks
 * again under the same number: never reversed while a ticket may exist.
 */
public final class BuyTicket implements Step<PurchaseSession> {
  private static final Logger LOG = Logger.getLogger(BuyTicket.class.getName());

  private final IssuerCenter center;
  private final PaymentMethods methods;
  private final CustomerTerminal customer;
  private final Clock clock;

  public BuyTicket(
      IssuerCenter center, PaymentMethods methods, CustomerTerminal customer, Clock clock) {
    this.center = center;
    this.methods = methods;
    this.customer = customer;
    this.clock = clock;
  }

  @Override
  public String id() {
    return "buy-ticket";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    HoldPart hold = session.hold();
    PaymentMethod method = methods.get(session.payment().method().orElseThrow());
    PaymentProof proof = method.proof(session);
    String request = hold.requestNumber().orElseThrow();
    customer.inform(Screens.notice("issuing", Text.of("issuing.title"), Text.of("issuing.line")));
    Sale sale;
    try {
      sale = buy(session, request, proof);
    } catch (SeatUnavailableException e) {
      customer.inform(
          Screens.notice(
              "seat-sold", Text.of("seat-sold.title"), Text.of("seat-sold.line", hold.price())));
      return Outcome.signal(Signal.SEAT_TAKEN, "seat sold since the quote: " + e.seats());
    } catch (CenterException e) {
      if (!e.outcomeUnknown() && !Refusals.forStaff(e.code())) {
        throw e; // refused: nothing was sold for this payment, the flow takes it back
      }
      LOG.warning("purchase " + request + " unsettled, left to recovery: " + e.getMessage());
      return Outcome.unsettled("purchase unsettled: " + e.getMessage());
    }
    hold.granted(sale.reservation(), clock.instant());
    Optional<String> mismatch =
        sale.mismatch(
            session.card().requiredCardId(), hold.seatIds(), proof.reference(), hold.price());
    if (mismatch.isPresent()) {
      String ticket = sale.ticket().ticketNumber();
      session.ticket().refuse(ticket);
      LOG.severe(
          "ticket "
              + ticket
              + " of purchase "
              + request
              + " refused, it names "
              + mismatch.get()
              + ": the issuer must void it; the payment is taken back");
      return Outcome.fail("ticket " + ticket + " refused: it names " + mismatch.get());
    }
    session.ticket().issued(sale.ticket());
    method.settled(session);
    return Outcome.next();
  }

  private Sale buy(PurchaseSession session, String request, PaymentProof proof)
      throws CenterException, InterruptedException {
    HoldPart hold = session.hold();
    return AskAgain.whileUnknown(
        "purchase " + request,
        () ->
            center.purchase(
                hold.eventId().orElseThrow(),
                hold.seatIds(),
                session.card().requiredCardId(),
                request,
                proof));
  }
}
