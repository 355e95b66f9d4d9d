package com.kippu.simulator.crash;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.recovery.PurchaseRecovery;
import com.kippu.simulator.Branch;
import com.kippu.simulator.crash.CrashScenario.Payment;
import com.kippu.simulator.crash.CrashScenario.Weighing;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads what a branch left in its files after a crash, the restart and the card's return, and names
 * every money invariant it breaks: (i) conservation, (ii) every debit ends in a ticket or a
 * reversal, (iii) no ticket without payment, (iv) no seat sold twice and no hold left by an ended
 * session unless recovery left its payment to the reversal, (v) no open session, (vi) every ticket
 * issued for the card is on it, (vii) the method's devices agree with their records ({@link
 * CrashScenario#deviceViolations}); and that the kill landed where it was aimed.
 */
final class BranchAudit {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> FACTS = new TypeReference<>() {};

  /** States only recovery and a returning card write into a session. */
  private static final Predicate<String> RECOVERY_STATES =
      state ->
          state.startsWith("Recovery.")
              || state.equals(PurchaseRecovery.RECOVERED)
              || state.equals(PurchaseRecovery.TICKET_ON_CARD);

  /** The only end after which a session may leave its hold to expire. */
  private static final String LEFT_TO_REVERSAL =
      PurchaseRecovery.RECOVERED + "(" + PurchaseRecovery.Action.LEFT_TO_REVERSAL + ")";

  private final Path dir;
  private final CrashScenario scenario;
  private final Restart.After after;
  private final List<String> violations = new ArrayList<>();
  private final Map<String, List<Entry>> sessions = new LinkedHashMap<>();

  private BranchAudit(Path dir, CrashScenario scenario, Restart.After after) {
    this.dir = dir;
    this.scenario = scenario;
    this.after = after;
  }

  /** One journal entry, as the auditor needs it. */
  record Entry(long seq, String state, Map<String, String> facts) {}

  /** A ticket at the center with its reservation's state. */
  private record IssuedTicket(
      String number, String reservation, String card, String method, Payment payment) {}

  /**
   * Audits the branch in {@code dir} (its committed state) for {@code scenario}, given the money
   * {@code before} the crashed run and what the restart found {@code after} it.
   */
  static BranchAudit of(Path dir, CrashScenario scenario, Weighing before, Restart.After after)
      throws Exception {
    BranchAudit audit = new BranchAudit(dir, scenario, after);
    audit.readJournal();
    audit.check(before, after.weighing(), after.ticketsOnCard());
    if (!after.problems().isEmpty()) {
      audit.fail("restart", after.problems());
    }
    after.devices().forEach(v -> audit.fail("(vii) device", v));
    return audit;
  }

  List<String> violations() {
    return violations;
  }

  /** Every session's states in order, recovery's decision included, for the failure message. */
  String trails() {
    return sessions.entrySet().stream()
        .map(
            s ->
                s.getKey()
                    + ": "
                    + s.getValue().stream()
                        .map(BranchAudit::describe)
                        .collect(Collectors.joining(" > ")))
        .collect(Collectors.joining("\n    "));
  }

  /** The state of entry {@code seq} of the session the child ran, or "?". */
  String crashedSessionState(long seq) {
    return crashedSession().stream()
        .filter(e -> e.seq() == seq)
        .findFirst()
        .map(Entry::state)
        .orElse("?");
  }

  /** How the session the child ran ended: its last state, with recovery's action if any. */
  String crashedSessionEnd() {
    List<Entry> entries = crashedSession();
    return entries.isEmpty() ? "no session" : describe(entries.get(entries.size() - 1));
  }

  /**
   * Names a violation when the session the child ran journaled a step of its own after entry {@code
   * seq}, the kill point: the child must not get past it before the SIGKILL.
   */
  void killedAfterEntry(long seq) {
    for (Entry e : crashedSession()) {
      if (e.seq() > seq && !RECOVERY_STATES.test(e.state())) {
        fail("kill point", "the child journaled " + e.state() + " after entry " + seq);
      }
    }
  }

  /** The session the child ran (none when it was killed before): not the card's return. */
  private List<Entry> crashedSession() {
    return sessions.entrySet().stream()
        .filter(s -> !s.getKey().equals(after.returnSession()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(List.of());
  }

  private static String describe(Entry e) {
    return e.state() + recoveryOf(e);
  }

  private static String recoveryOf(Entry e) {
    String action = e.facts().get(PurchaseRecovery.ACTION.key());
    return action == null ? "" : "(" + action + ")";
  }

  private Connection open(String file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(file));
  }

  private void readJournal() throws Exception {
    try (Connection c = open("journal.db");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT session_id, seq, state, facts FROM journal ORDER BY rowid, seq")) {
      while (rs.next()) {
        sessions
            .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
            .add(new Entry(rs.getLong(2), rs.getString(3), JSON.readValue(rs.getString(4), FACTS)));
      }
    }
  }

  private void check(Weighing before, Weighing after, Set<String> ticketsOnCard) throws Exception {
    long loss = before.customer() - after.customer();
    long gain = after.issuer() - before.issuer();
    if (after.total() != before.total()) {
      fail("(i) conservation", "money total " + before.total() + " -> " + after.total());
    }
    if (loss != gain) {
      fail("(i) conservation", "customer lost " + loss + " but the issuer gained " + gain);
    }
    List<IssuedTicket> tickets = tickets();
    String card = scenario.customer().cardId();
    long paidForTickets =
        tickets.stream()
            .filter(t -> t.card().equals(card))
            .mapToLong(t -> t.payment().amountYen())
            .sum();
    if (loss != paidForTickets) {
      fail(
          loss > paidForTickets ? "(ii) debit without ticket" : "(iii) ticket without payment",
          "customer lost " + loss + ", tickets issued for " + card + " paid " + paidForTickets);
    }
    Set<Payment> standing = scenario.standingPayments(dir);
    Set<Payment> ticketed =
        tickets.stream()
            .filter(t -> t.method().equals(scenario.ticketMethod()))
            .map(IssuedTicket::payment)
            .collect(Collectors.toSet());
    for (Payment p : standing) {
      if (!ticketed.contains(p)) {
        fail("(ii) debit without ticket", "payment " + p + " stands and bought no ticket");
      }
    }
    for (IssuedTicket t : tickets) {
      if (t.method().equals(scenario.ticketMethod()) && !standing.contains(t.payment())) {
        fail("(iii) ticket without payment", "ticket " + t + " names no standing payment");
      }
    }
    checkSeats();
    for (Map.Entry<String, List<Entry>> s : sessions.entrySet()) {
      List<Entry> entries = s.getValue();
      String last = entries.get(entries.size() - 1).state();
      if (!TicketingPlugin.FINAL_STATES.contains(last)) {
        fail("(v) open session", "session " + s.getKey() + " ends in " + last);
      }
    }
    Set<String> issuedForCard =
        tickets.stream()
            .filter(t -> t.card().equals(card))
            .map(IssuedTicket::number)
            .collect(Collectors.toSet());
    if (!ticketsOnCard.equals(issuedForCard)) {
      fail(
          "(vi) ticket not on its card",
          "issued for " + card + ": " + issuedForCard + ", on the card: " + ticketsOnCard);
    }
  }

  private List<IssuedTicket> tickets() throws SQLException {
    List<IssuedTicket> tickets = new ArrayList<>();
    try (Connection c = open("issuer-center.db");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT t.ticket_number, t.reservation_number, t.card_id, t.payment_method,"
                    + " t.payment_stan, t.payment_reference, t.payment_amount_yen, r.status"
                    + " FROM ticket t"
                    + " JOIN reservation r ON r.reservation_number = t.reservation_number")) {
      while (rs.next()) {
        IssuedTicket t =
            new IssuedTicket(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                new Payment(
                    scenario.ticketPaymentKey(rs.getString(5), rs.getString(6)), rs.getLong(7)));
        if (!"ISSUED".equals(rs.getString(8))) {
          fail(
              "(iii) ticket without payment", "ticket " + t + " of a " + rs.getString(8) + " hold");
        }
        tickets.add(t);
      }
    }
    return tickets;
  }

  /** Seats sold once, each under its issued reservation; holds left only to a pending reversal. */
  private void checkSeats() throws SQLException {
    try (Connection c = open("issuer-center.db");
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT rs.seat_id, COUNT(*) FROM reservation_seat rs JOIN reservation r"
                  + " ON r.reservation_number = rs.reservation_number WHERE r.status = 'ISSUED'"
                  + " GROUP BY rs.event_id, rs.seat_id HAVING COUNT(*) > 1")) {
        while (rs.next()) {
          fail("(iv) seat sold twice", "seat " + rs.getString(1) + " on " + rs.getLong(2));
        }
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT s.seat_id, s.status, r.reservation_number, r.status,"
                  + " (SELECT COUNT(*) FROM ticket t"
                  + "  WHERE t.reservation_number = r.reservation_number)"
                  + " FROM seat s JOIN reservation r ON r.reservation_number = s.reservation_number"
                  + " WHERE s.status <> 'AVAILABLE'")) {
        while (rs.next()) {
          String seat = rs.getString(1) + " " + rs.getString(2);
          String held = "reservation " + rs.getString(3) + " " + rs.getString(4);
          boolean sold = rs.getString(2).equals("SOLD");
          if (sold && (!rs.getString(4).equals("ISSUED") || rs.getLong(5) != 1)) {
            fail("(iv) seat sold without its ticket", seat + " by " + held);
          }
          if (!sold && !rs.getString(4).equals("HELD")) {
            fail("(iv) seat held by an ended hold", seat + " by " + held);
          }
        }
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT reservation_number, request_number FROM reservation"
                  + " WHERE status = 'HELD' AND terminal_id = '"
                  + Branch.TERMINAL_ID
                  + "'")) {
        while (rs.next()) {
          String session = rs.getString(2).replaceFirst("-H\\d+$", "");
          String recovery =
              lastEntry(session).map(e -> e.state() + recoveryOf(e)).orElse("no journal entry");
          if (!recovery.equals(
              PurchaseRecovery.RECOVERED + "(" + PurchaseRecovery.Action.LEFT_TO_REVERSAL + ")")) {
            fail(
                "(iv) hold left by an ended session",
                "reservation " + rs.getString(1) + " still HELD; its session ended " + recovery);
          }
        }
      }
    }
  }

  private Optional<Entry> lastEntry(String session) {
    List<Entry> entries = sessions.get(session);
    return entries == null ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
  }

  private void fail(String invariant, String detail) {
    violations.add(invariant + ": " + detail);
  }
}
