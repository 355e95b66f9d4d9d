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
 * which reverses the payment or leaves it to staff, and is not fetched again; so is one the center
 * refuses for good ({@link PurchaseRecovery#refused}).
 */
public final class WritePendingTickets implements Step<PurchaseSession> {
  private static final Logger LOG = Logger.getLogger(WritePendingTickets.class.getName());

  private final IcCard card;
  private final TicketCard tickets;
  private final IssuerCenter center;
  private final Journal journal;
  private final PurchaseRecovery recovery;

  public WritePendingTickets(
      IcCard card,
      TicketCard tickets,
      IssuerCenter center,
      Journal journal,
      PurchaseRecovery recovery) {
    this.card = card;
    this.tickets = tickets;
    this.center = center;
    this.journal = journal;
    this.recovery = recovery;
  }

  @Override
  public Outcome run(PurchaseSession session) {
    CardId cardId = session.chip().cardId();
    // RECOVERED: a crash kept the ticket off the card; FAILED: the card left during the write.
    for (JournalEntry pending : journal.ticketsAwaitingCard(cardId.value())) {
      Map<String, String> facts = pending.facts();
      try {
        PaymentProof proof = PurchaseRecovery.proofFrom(facts);
        ReservationNumber reservation = new ReservationNumber(facts.get("reservation"));
        Ticket ticket = center.issue(reservation, cardId, proof);
        Optional<String> mismatch =
            ticket.ticketNumber().equals(facts.get("ticket"))
                ? ticket.mismatch(
                    reservation,
                    cardId,
                    PurchaseRecovery.seatsFrom(facts),
                    proof.reference(),
                    proof.amount())
                : Optional.of(
                    "ticket number "
                        + ticket.ticketNumber()
                        + " instead of "
                        + facts.get("ticket"));
        if (mismatch.isPresent()) {
          // The ticket the center answered with is the one refused; the journaled one stays in
          // the facts as "ticket": staff may have to void either.
          recovery.refuseTicket(
              pending.sessionId(), pending.flow(), facts, ticket.ticketNumber(), mismatch.get());
          continue;
        }
        tickets.write(card, cardId, ticket.signed());
        Map<String, String> written = new TreeMap<>(facts);
        written.put("ticketOnCard", "true");
        written.put("writtenInSession", session.id().value());
        journal.record(
            pending.sessionId(), pending.flow(), PurchaseRecovery.TICKET_ON_CARD, written);
      } catch (CenterException e) {
        // A refusal for good ends the session (reversed or left to staff), not fetched again.
        if (recovery.refused(pending.sessionId(), pending.flow(), facts, e).isEmpty()) {
          LOG.warning(
              "ticket " + facts.get("ticket") + " for card " + cardId + " still pending: " + e);
        }
      } catch (Exception e) {
        LOG.warning(
            "ticket " + facts.get("ticket") + " for card " + cardId + " still pending: " + e);
      }
    }
    return Outcome.next();
  }
}
