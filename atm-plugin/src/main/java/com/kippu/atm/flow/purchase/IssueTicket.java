package com.kippu.atm.flow.purchase;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.center.ReservedSeat;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethod;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.recovery.Refusals;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Asks the issuer to issue against the payment's proof (S1 ¶59-61, S42-S43) and checks the signed
 * ticket info against the session: this reservation, these seats, this card, this payment. A ticket
 * that does not match is refused like a refused issuance, so it never reaches the card and the
 * payment is taken back; the reservation stays issued at the center, so the session names the
 * refused ticket for the issuer to void instead of releasing the hold. Issuance is idempotent at
 * the center, so a lost answer is asked again; when the center stays silent, the session is left
 * {@link Outcome#unsettled} — never reversed while a ticket may exist — for recovery to finish
 * (issue, or take back on a refusal). Once issued, the payment stands: its method may forget what
 * it kept to take it back.
 */
public final class IssueTicket implements Step<PurchaseSession> {
  private static final Logger LOG = Logger.getLogger(IssueTicket.class.getName());

  /** Issuance attempts while the center's answer is unknown, before leaving it to recovery. */
  private final IssuerCenter center;

  private final PaymentMethods methods;
  private final CustomerTerminal customer;

  public IssueTicket(IssuerCenter center, PaymentMethods methods, CustomerTerminal customer) {
    this.center = center;
    this.methods = methods;
    this.customer = customer;
  }

  @Override
  public String id() {
    return "issue-ticket";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    Reservation r = session.hold().granted();
    PaymentMethod method = methods.get(session.payment().method().orElseThrow());
    PaymentProof proof = method.proof(session);
    customer.inform(Screens.notice("issuing", Text.of("issuing.title"), Text.of("issuing.line")));
    Ticket ticket;
    try {
      ticket = issue(r, session, proof);
    } catch (CenterException e) {
      if (!e.outcomeUnknown() && !Refusals.forStaff(e.code())) {
        throw e; // refused: no ticket will come for this payment, the flow takes it back
      }
      // The ticket may exist at the center, or this payment bought one elsewhere: taking the
      // money back now could give a ticket away free. Recovery asks again and decides.
      LOG.warning(
          "issuance of reservation "
              + r.number()
              + " unsettled, left to recovery: "
              + e.getMessage());
      return Outcome.unsettled("issuance unsettled: " + e.getMessage());
    }
    Optional<String> mismatch =
        ticket.mismatch(
            r.number(),
            session.card().requiredCardId(),
            r.seats().stream().map(ReservedSeat::seatId).toList(),
            proof.reference(),
            r.amount());
    if (mismatch.isPresent()) {
      session.ticket().refuse(ticket.ticketNumber());
      LOG.severe(
          "ticket "
              + ticket.ticketNumber()
              + " for reservation "
              + r.number()
              + " refused, it names "
              + mismatch.get()
              + ": the issuer must void it; the payment is taken back");
      return Outcome.fail(
          "ticket "
              + ticket.ticketNumber()
              + " refused: it names "
              + mismatch.get()
              + "; the issuer must void it");
    }
    session.ticket().issued(ticket);
    method.settled(session);
    return Outcome.next();
  }

  /** Issues, asking again (issuance is idempotent) while the center's answer is unknown. */
  private Ticket issue(Reservation r, PurchaseSession session, PaymentProof proof)
      throws CenterException, InterruptedException {
    return AskAgain.whileUnknown(
        "issuance of reservation " + r.number(),
        () -> center.issue(r.number(), session.card().requiredCardId(), proof));
  }
}
