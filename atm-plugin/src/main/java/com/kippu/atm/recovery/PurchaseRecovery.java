package com.kippu.atm.recovery;

import com.kippu.atm.card.CardId;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.ReservationNumber;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.payment.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Start-up recovery of purchase sessions a crash or power loss left open in the journal. Money
 * decides: a paid session gets its ticket (issuance is idempotent at the center), a session whose
 * debit outcome is unknown is left to the bank link's stored reversal and its hold to expire, a
 * session where no money moved releases its hold.
 */
public final class PurchaseRecovery {
  public static final String RECOVERED = "RECOVERED";

  /** A recovered session whose ticket reached its card when the card came back. */
  public static final String TICKET_ON_CARD = "TICKET_ON_CARD";

  private static final Logger LOG = Logger.getLogger(PurchaseRecovery.class.getName());

  private final Journal journal;
  private final IssuerCenter center;

  public PurchaseRecovery(Journal journal, IssuerCenter center) {
    this.journal = journal;
    this.center = center;
  }

  /** What recovery did for one open session. */
  public record Recovered(SessionId session, Action action, String detail) {}

  /** The recovery decisions, by what the journal says about the money. */
  public enum Action {
    /** Paid and issued before the crash; the ticket awaits the card. */
    TICKET_ALREADY_ISSUED,
    /** Paid, not issued: issuance completed now against the journaled payment proof. */
    TICKET_ISSUED,
    /** The debit's outcome was unknown: the bank link reverses it; the hold is left to expire. */
    LEFT_TO_REVERSAL,
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
    journal.record(id, flow, "Recovery.issue.begin", facts);
    try {
      Ticket ticket =
          center.issue(
              new ReservationNumber(facts.get("reservation")),
              new CardId(facts.get("card")),
              proof);
      Map<String, String> done = new TreeMap<>(facts);
      done.put("ticket", ticket.ticketNumber());
      done.put("ticketOnCard", "false");
      return close(
          id,
          flow,
          done,
          Action.TICKET_ISSUED,
          "ticket " + ticket.ticketNumber() + " awaits card " + facts.get("card"));
    } catch (CenterException e) {
      return retry(id, flow, facts, "issuance after restart failed: " + e.getMessage());
    }
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
