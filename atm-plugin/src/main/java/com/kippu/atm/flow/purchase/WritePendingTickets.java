package com.kippu.atm.flow.purchase;

import com.kippu.atm.card.CardId;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.ReservationNumber;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.parts.TicketPart;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.recovery.PurchaseRecovery;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * When a card comes back, writes the tickets that were paid and issued for it but never reached it
 * (a crash between issuance and the card write; DESIGN: "written when the card comes back"). The
 * ticket is fetched again by idempotent issuance against the journaled payment proof; the write is
 * idempotent too. A failure here never blocks the customer's new session: it is retried next time.
 * A ticket that comes back different from the journaled one (another number, reservation, card,
 * seats or payment) is never written: it is refused through {@link PurchaseRecovery#refuseTicket},
 * which takes the payment back or leaves it to staff, and is not fetched again; so is one the
 * center refuses for good ({@link PurchaseRecovery#refused}).
 */
public final class WritePendingTickets implements Step<PurchaseSession> {
  private static final Logger LOG = Logger.getLogger(WritePendingTickets.class.getName());

  private final IcCard card;
  private final TicketCard tickets;
  private final IssuerCenter center;
  private final PaymentMethods methods;
  private final Journal journal;
  private final PurchaseRecovery recovery;

  public WritePendingTickets(
      IcCard card,
      TicketCard tickets,
      IssuerCenter center,
      PaymentMethods methods,
      Journal journal,
      PurchaseRecovery recovery) {
    this.card = card;
    this.tickets = tickets;
    this.center = center;
    this.methods = methods;
    this.journal = journal;
    this.recovery = recovery;
  }

  @Override
  public String id() {
    return "write-pending-tickets";
  }

  @Override
  public Outcome run(PurchaseSession session) {
    CardId cardId = session.card().requiredCardId();
    // RECOVERED: a crash kept the ticket off the card; FAILED: the card left during the write.
    for (JournalEntry pending : journal.ticketsAwaitingCard(cardId.value())) {
      PurchaseSession paid =
          PurchaseSession.restore(pending.sessionId(), session.terminal(), pending.facts());
      String journaled = paid.ticket().number().orElseThrow();
      try {
        PaymentProof proof = methods.get(paid.payment().method().orElseThrow()).proof(paid);
        ReservationNumber reservation = paid.hold().number().orElseThrow();
        // A ticket that replaced a voided print is fetched by asking for that replacement again.
        Ticket ticket =
            paid.ticket().replaces().isPresent()
                ? center.replace(paid.ticket().replaces().get(), cardId, "written to the card")
                : center.issue(reservation, cardId, proof);
        Optional<String> mismatch =
            ticket.ticketNumber().equals(journaled)
                ? ticket.mismatch(
                    reservation, cardId, paid.hold().seatIds(), proof.reference(), proof.amount())
                : Optional.of(
                    "ticket number " + ticket.ticketNumber() + " instead of " + journaled);
        if (mismatch.isPresent()) {
          // The ticket the center answered with is the one refused; the journaled one stays in
          // the facts as "ticket": staff may have to void either.
          recovery.refuseTicket(paid, pending.flow(), ticket.ticketNumber(), mismatch.get());
          continue;
        }
        tickets.write(card, cardId, ticket.signed());
        Map<String, String> written = new TreeMap<>(pending.facts());
        TicketPart.ON_CARD.put(written, true);
        written.put("writtenInSession", session.id().value());
        journal.record(
            pending.sessionId(), pending.flow(), PurchaseRecovery.TICKET_ON_CARD, written);
      } catch (CenterException e) {
        // A refusal for good ends the session (taken back or left to staff), not fetched again.
        if (recovery.refused(paid, pending.flow(), e).isEmpty()) {
          LOG.warning("ticket " + journaled + " for card " + cardId + " still pending: " + e);
        }
      } catch (Exception e) {
        LOG.warning("ticket " + journaled + " for card " + cardId + " still pending: " + e);
      }
    }
    return Outcome.next();
  }
}
