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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Start-up recovery of purchase sessions a crash or power loss left open in the journal. Money
 * decides: a paid session gets its ticket (issuance is idempotent at the center), a session whose
 * debit outcome is unknown is left to the bank link's stored reversal and its hold to expire, a
 * session where no money moved releases its hold. A paid session whose ticket the center refuses
 * for good (the reservation expired or was cancelled while the terminal was down), or answers with
 * a ticket that names another reservation, card, seats or payment, has its debit reversed: every
 * debit ends in a ticket or a reversal. What only staff can settle (a payment the link kept nothing
 * of, a payment the center says bought another ticket, a reservation issued against a refused
 * ticket) ends in {@link Action#NEEDS_STAFF}, logged SEVERE, and is not retried at every start.
 */
public final class PurchaseRecovery {
  public static final String RECOVERED = "RECOVERED";

  /** A recovered session whose ticket reached its card when the card came back. */
  public static final String TICKET_ON_CARD = "TICKET_ON_CARD";

  /** Refusal code for a ticket the center returned that names another reservation or payment. */
  public static final String TICKET_MISMATCH = "TICKET_MISMATCH";

  /** The center's refusal to cancel a reservation it has issued a ticket for. */
  static final String RESERVATION_ISSUED = "RESERVATION_ISSUED";

  private static final Logger LOG = Logger.getLogger(PurchaseRecovery.class.getName());

  /**
   * The center's answers after which no ticket will ever be issued for this payment: the debit is
   * reversed. CARD_MISMATCH (the reservation belongs to another card) is here for the same reason a
   * returned ticket that names another card is reversed, here and in the live flow: the center
   * checks the card before it issues, so this payment bought nothing on that reservation, and
   * nothing this card can carry; the customer is not kept waiting for staff to give the money back,
   * and a ticket the center holds for the other card is the issuer's to void. PAYMENT_ALREADY_USED
   * is different: there this very payment did buy a ticket, so it is left to staff.
   */
  private static final Set<String> NEVER_ISSUED =
      Set.of(
          "RESERVATION_EXPIRED",
          "RESERVATION_CANCELLED",
          "RESERVATION_NOT_FOUND",
          "AMOUNT_MISMATCH",
          "CARD_MISMATCH");

  /**
   * The center's answers saying this payment did buy a ticket, only not this session's: taking the
   * money back could leave someone holding an unpaid ticket, so staff decide.
   */
  private static final Set<String> FOR_STAFF = Set.of("PAYMENT_ALREADY_USED");

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
     * Only staff can settle it (named in the detail and the journal's {@code staff} fact); final,
     * so it is not retried at every start.
     */
    NEEDS_STAFF,
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
    if (facts.containsKey("refusal")) {
      // A reversal recovery or a pending ticket's refusal began before the crash: finish it.
      return reversePayment(
          id, flow, facts, new CenterException(facts.get("refusal"), "refused before the restart"));
    }
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
    if (facts.containsKey("refusedTicket")) {
      return staff(id, flow, facts, orphaned(facts.get("refusedTicket"), facts.get("reservation")));
    }
    if (facts.containsKey("reservation")) {
      try {
        center.cancel(
            new ReservationNumber(facts.get("reservation")),
            "terminal restarted during the session");
      } catch (CenterException e) {
        if (RESERVATION_ISSUED.equals(e.code())) {
          // No payment of this session stands (no approval journaled): a ticket nobody paid for.
          return staff(
              id,
              flow,
              facts,
              "reservation "
                  + facts.get("reservation")
                  + " was issued at the center without a payment of this terminal: the issuer"
                  + " must void its ticket");
        }
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
        // Refused like the live flow refuses it: never written to a card, the debit reversed, and
        // the ticket (naming another card too: see NEVER_ISSUED) left for the issuer to void.
        return refuseTicket(id, flow, facts, ticket.ticketNumber(), mismatch.get());
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
      return refused(id, flow, facts, e)
          .orElseGet(
              () -> retry(id, flow, facts, "issuance after restart failed: " + e.getMessage()));
    }
  }

  /**
   * Ends a paid session whose ticket the center refused for good (here, or when a pending ticket is
   * fetched again for its card): the payment is reversed, or left to staff when it may have bought
   * another ticket. The refusal is journaled, so a pending ticket is no longer fetched.
   *
   * @return empty when the refusal may pass, so the session is to be tried again
   */
  public Optional<Recovered> refused(
      SessionId id, String flow, Map<String, String> facts, CenterException refusal) {
    if (NEVER_ISSUED.contains(refusal.code())) {
      return Optional.of(reversePayment(id, flow, facts, refusal));
    }
    if (!FOR_STAFF.contains(refusal.code())) {
      return Optional.empty();
    }
    Map<String, String> f = new TreeMap<>(facts);
    f.put("refusal", refusal.code());
    return Optional.of(
        staff(
            id,
            flow,
            f,
            "ticket refused ("
                + refusal.code()
                + "): payment "
                + facts.get("payment")
                + " may have bought another ticket; not reversed"));
  }

  /**
   * Refuses a ticket the center answered with that does not match the journaled session (here or
   * when a pending ticket is fetched again for its card): it never reaches a card, the issuer must
   * void it, and the payment is reversed from what the bank link kept of it; when the link kept
   * nothing (the payment was settled when the ticket first matched), staff refund it. Either way
   * the session ends in a final state and is not tried again. The refused ticket, the one the
   * center answered with, is journaled as {@code refusedTicket}; a ticket journaled before under
   * another number stays as {@code ticket}.
   */
  public Recovered refuseTicket(
      SessionId id, String flow, Map<String, String> facts, String ticket, String mismatch) {
    String journaled = facts.get("ticket");
    LOG.severe(
        orphaned(ticket, facts.get("reservation"))
            + (journaled == null || journaled.equals(ticket)
                ? ""
                : " (journaled as ticket " + journaled + ")")
            + " (it names "
            + mismatch
            + "); payment "
            + facts.get("payment")
            + " is reversed unless the bank link has forgotten it");
    Map<String, String> f = new TreeMap<>(facts);
    f.put("refusedTicket", ticket);
    return reversePayment(
        id,
        flow,
        f,
        new CenterException(TICKET_MISMATCH, "ticket " + ticket + " names " + mismatch));
  }

  private static String orphaned(String ticket, String reservation) {
    return "ticket "
        + ticket
        + " of reservation "
        + reservation
        + " is issued at the center but refused by the terminal: the issuer must void it";
  }

  private Recovered reversePayment(
      SessionId id, String flow, Map<String, String> facts, CenterException refusal) {
    String payment = facts.get("payment");
    Map<String, String> f = new TreeMap<>(facts);
    f.put("refusal", refusal.code());
    voidTickets(facts).ifPresent(tickets -> f.put("voidTicket", tickets));
    journal.record(id, flow, "Recovery.reverse.begin", f);
    try {
      if (!bank.reverseApproved(payment)) {
        return staff(
            id,
            flow,
            f,
            "ticket refused ("
                + refusal.code()
                + ": "
                + refusal.getMessage()
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

  /**
   * The tickets the issuer must void when the payment is taken back: the one the terminal refused
   * and one journaled as issued before, if they differ.
   */
  private static Optional<String> voidTickets(Map<String, String> facts) {
    String tickets =
        String.join(
            ",",
            new LinkedHashSet<>(
                Stream.of(facts.get("refusedTicket"), facts.get("ticket"))
                    .filter(t -> t != null && !t.isBlank())
                    .toList()));
    return tickets.isEmpty() ? Optional.empty() : Optional.of(tickets);
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
    return PaymentProof.of(
        "ACCOUNT_TRANSFER",
        Money.yen(Long.parseLong(facts.get("amountYen"))),
        facts.get("rrn"),
        facts.get("approvalCode"),
        facts.get("stan"),
        Instant.parse(facts.get("paidAt")),
        "000001");
  }

  private Recovered close(
      SessionId id, String flow, Map<String, String> facts, Action action, String detail) {
    Map<String, String> f = new TreeMap<>(facts);
    f.put("recovery", action.name());
    journal.record(id, flow, RECOVERED, f);
    return new Recovered(id, action, detail);
  }

  private Recovered staff(SessionId id, String flow, Map<String, String> facts, String detail) {
    LOG.severe("session " + id + " needs staff: " + detail);
    Map<String, String> f = new TreeMap<>(facts);
    f.put("staff", detail);
    return close(id, flow, f, Action.NEEDS_STAFF, detail);
  }

  private Recovered retry(SessionId id, String flow, Map<String, String> facts, String detail) {
    // The facts go with the entry: the next start reads the last entry only.
    Map<String, String> f = new TreeMap<>(facts);
    f.put("reason", detail);
    journal.record(id, flow, "Recovery.retry-later", f);
    return new Recovered(id, Action.RETRY_LATER, detail);
  }
}
