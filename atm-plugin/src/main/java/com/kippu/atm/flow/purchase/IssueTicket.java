package com.kippu.atm.flow.purchase;

import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.center.ReservedSeat;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.TransferResult;
import com.kippu.atm.spi.CustomerTerminal;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Asks the issuer to issue against the payment proof (S1 ¶59-61, S42-S43) and checks the signed
 * ticket info against the session: this reservation, these seats, this card, this payment. A ticket
 * that does not match is refused like a refused issuance, so it never reaches the card and the
 * debit is reversed; the reservation stays issued at the center, so the session names the refused
 * ticket for the issuer to void instead of releasing the hold. Issuance is idempotent at the
 * center, so a retry after a lost answer returns the same ticket. Once issued, the payment stands:
 * the bank link may forget what it kept to reverse it.
 */
public final class IssueTicket implements Step<PurchaseSession> {
  static final String METHOD = "ACCOUNT_TRANSFER";
  private static final Logger LOG = Logger.getLogger(IssueTicket.class.getName());

  private final IssuerCenter center;
  private final BankHost bank;
  private final CustomerTerminal customer;

  public IssueTicket(IssuerCenter center, BankHost bank, CustomerTerminal customer) {
    this.center = center;
    this.bank = bank;
    this.customer = customer;
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    Reservation r = session.reservation().orElseThrow();
    TransferResult paid = session.approval().orElseThrow();
    PaymentProof proof =
        PaymentProof.of(
            METHOD,
            r.amount(),
            paid.rrn(),
            paid.approvalCode(),
            paid.stan(),
            paid.transmittedAt(),
            "000001");
    customer.inform(
        Screens.notice("issuing", "Payment accepted", "Issuing your ticket. Please wait."));
    Ticket ticket = center.issue(r.number(), session.chip().cardId(), proof);
    Optional<String> mismatch =
        ticket.mismatch(
            r.number(),
            session.chip().cardId(),
            r.seats().stream().map(ReservedSeat::seatId).toList(),
            paid.rrn(),
            r.amount());
    if (mismatch.isPresent()) {
      session.ticketRefused(ticket.ticketNumber());
      LOG.severe(
          "ticket "
              + ticket.ticketNumber()
              + " for reservation "
              + r.number()
              + " refused, it names "
              + mismatch.get()
              + ": the issuer must void it; the payment is reversed");
      return Outcome.fail(
          "ticket "
              + ticket.ticketNumber()
              + " refused: it names "
              + mismatch.get()
              + "; the issuer must void it");
    }
    session.ticket(ticket);
    bank.settled(session.transfer().orElseThrow().transactionId());
    return Outcome.next();
  }
}
