package com.kippu.atm.recovery;

import com.kippu.atm.card.CardId;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.ReservationNumber;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Start-up recovery of purchase sessions a crash or power loss left open in the journal. Money
 * decides: a paid session gets its ticket (issuance is idempotent at the center), a session whose
 * debit outcome is unknown is left to the bank link's stored reversal and its hold to expire, a
 * session where no money moved releases its hold. A paid session whose ticket the center refuses
 * for good (the reservation expired or was cancelled while the terminal was down), or answers with
 * a ticket that names another reservation, card, seats or payment, has its debit reversed: every
 * debit ends in a ticket or a reversal.
 */
public final class PurchaseRecovery {
  public static final String RECOVERED = "RECOVERED";

  /** A recovered session whose ticket reached its card when the card came back. */
  public static final String TICKET_ON_CARD = "TICKET_ON_CARD";

  /** Refusal code for a ticket the center returned that names another reservation or payment. */
  public static final String TICKET_MISMATCH = "TICKET_MISMATCH";

  private static final Logger LOG = Logger.getLogger(PurchaseRecovery.class.getName());

  /**
   * The center's answers after which no ticket will ever be issued for this payment. Refusals that
   * could mean the payment bought something after all (PAYMENT_ALREADY_USED, CARD_MISMATCH) are not
   * here: they stay open for staff rather than take money back for a ticket someone holds.
   */
  private static final Set<String> NEVER_ISSUED =
      Set.of(
          "RESERVATION_EXPIRED",
          "RESERVATION_CANCELLED",
          "RESERVATION_NOT_FOUND",
          "AMOUNT_MISMATCH");

  private final Journal journal;
  private final IssuerCenter center;
  private final BankHost bank;

  public PurchaseRecovery(Journal journal, IssuerCenter center, BankHost bank) {
    this.journal = journal;
    this.center = center;
    this.bank = bank;
  }

  /** What recovery did for one open session. */
  public record Recovered(SessionId session, Action action, String detail) {}

  /** The recovery decisions, by what the journal says about the money. */
  public enum Action {
    /** Paid and issued before the crash; the ticket awaits the card. */
    TICKET_ALREADY_ISSUED,
    /** Paid, not issued: issuance completed now against the journaled payment proof. */
    TICKET_ISSUED,
    /**
     * The debit's outcome was unknown, or its reversal is queued but not yet confirmed: the bank
     * link repeats the reversal until the host confirms it; the hold is left to expire.
     */
    LEFT_TO_REVERSAL,
    /** Paid, but the center refuses the ticket for good: the debit was reversed. */
    PAYMENT_REVERSED,
    /** No money moved: the hold was released. */
    HOLD_RELEASED,
    /** Nothing to undo. */
    NOTHING_TO_DO,
    /**
     * Could not finish now (center unreachable or refusing); the session stays open for the next
     * start.
     */
    RETRY_LATER
  }

  public List<Recovered> run() {
    List<Recovered> results = new ArrayList<>();
    for (SessionId id : journal.openSessions()) {
      List<JournalEntry> entries = journal.entries(id);
      JournalEntry last = entries.get(entries.size() - 1);
      Recovered r = recover(id, last.flow(), last.facts());
      LOG.info(() -> "recovered session " + id + ": " + r.action() + " " + r.detail());
      results.add(r);
    }
    return results;
  }

  private Recovered recover(SessionId id, String flow, Map<String, String> facts) {
    if (facts.containsKey("ticket")) {
      settled(facts);
      return close(
          id,
          flow,
          facts,
          Action.TICKET_ALREADY_ISSUED,
          "ticket " + facts.get("ticket") + " awaits card " + facts.get("card"));
    }
    if (facts.containsKey("rrn")) {
      return completeIssuance(id, flow, facts);
    }
    if (Boolean.parseBoolean(facts.get("moneyMayHaveMoved"))) {
      // The link stored a reversal before the 0200 left (armed); it turns pending on restart.
      return close(
          id,
          flow,
          facts,
          Action.LEFT_TO_REVERSAL,
          "debit " + facts.get("payment") + " reversed by the bank link");
    }
    if (facts.containsKey("reservation")) {
      try {
        center.cancel(
            new ReservationNumber(facts.get("reservation")),
            "terminal restarted during the session");
      } catch (CenterException e) {
        return retry(id, flow, facts, "hold release failed: " + e.getMessage());
      }
      return close(
          id,
          flow,
          facts,
          Action.HOLD_RELEASED,
          "reservation " + facts.get("reservation") + " cancelled");
    }
    return close(id, flow, facts, Action.NOTHING_TO_DO, "");
  }

  private Recovered completeIssuance(SessionId id, String flow, Map<String, String> facts) {
    PaymentProof proof = proofFrom(facts);
    ReservationNumber reservation = new ReservationNumber(facts.get("reservation"));
    CardId card = new CardId(facts.get("card"));
    journal.record(id, flow, "Recovery.issue.begin", facts);
    try {
      Ticket ticket = center.issue(reservation, card, proof);
      Optional<String> mismatch =
          ticket.mismatch(reservation, card, seatsFrom(facts), proof.reference(), proof.amount());
      if (mismatch.isPresent()) {
        // Refused like the live flow refuses it: never written to a card, the debit reversed.
        return reversePayment(
            id,
            flow,
            facts,
            new CenterException(
                TICKET_MISMATCH, "ticket " + ticket.ticketNumber() + " names " + mismatch.get()));
      }
      Map<String, String> done = new TreeMap<>(facts);
      done.put("ticket", ticket.ticketNumber());
      done.put("ticketOnCard", "false");
      settled(facts);
      return close(
          id,
          flow,
          done,
          Action.TICKET_ISSUED,
          "ticket " + ticket.ticketNumber() + " awaits card " + facts.get("card"));
    } catch (CenterException e) {
      if (NEVER_ISSUED.contains(e.code())) {
        return reversePayment(id, flow, facts, e);
      }
      return retry(id, flow, facts, "issuance after restart failed: " + e.getMessage());
    }
  }

  private Recovered reversePayment(
      SessionId id, String flow, Map<String, String> facts, CenterException refusal) {
    String payment = facts.get("payment");
    Map<String, String> f = new TreeMap<>(facts);
    f.put("refusal", refusal.code());
    journal.record(id, flow, "Recovery.reverse.begin", f);
    try {
      if (!bank.reverseApproved(payment)) {
        return retry(
            id,
            flow,
            f,
            "ticket refused ("
                + refusal.code()
                + ") and the bank link kept no record of payment "
                + payment
                + " to reverse: refund by hand");
      }
    } catch (BankUnavailableException e) {
      return close(
          id,
          flow,
          f,
          Action.LEFT_TO_REVERSAL,
          "ticket refused (" + refusal.code() + "); reversal of " + payment + " queued");
    }
    return close(
        id,
        flow,
        f,
        Action.PAYMENT_REVERSED,
        "ticket refused (" + refusal.code() + "); debit " + payment + " reversed");
  }

  private void settled(Map<String, String> facts) {
    String payment = facts.get("payment");
    if (payment != null) {
      bank.settled(payment);
    }
  }

  /** The seats a session journaled as chosen, which its hold and ticket must name. */
  public static List<SeatId> seatsFrom(Map<String, String> facts) {
    return Arrays.stream(facts.getOrDefault("seats", "").split(","))
        .filter(s -> !s.isBlank())
        .map(SeatId::new)
        .toList();
  }

  /** The payment proof a session journaled when its transfer was approved. */
  public static PaymentProof proofFrom(Map<String, String> facts) {
    return new PaymentProof(
        "ACCOUNT_TRANSFER",
        Money.yen(Long.parseLong(facts.get("amountYen"))),
        facts.get("rrn"),
        facts.get("approvalCode"),
        facts.get("stan"),
        Instant.parse(facts.get("paidAt")));
  }

  private Recovered close(
      SessionId id, String flow, Map<String, String> facts, Action action, String detail) {
    Map<String, String> f = new TreeMap<>(facts);
    f.put("recovery", action.name());
    journal.record(id, flow, RECOVERED, f);
    return new Recovered(id, action, detail);
  }

  private Recovered retry(SessionId id, String flow, Map<String, String> facts, String detail) {
    // The facts go with the entry: the next start reads the last entry only.
    Map<String, String> f = new TreeMap<>(facts);
    f.put("reason", detail);
    journal.record(id, flow, "Recovery.retry-later", f);
    return new Recovered(id, Action.RETRY_LATER, detail);
  }
}
