package com.kippu.simulator;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.journal.SqliteJournal;
import com.kippu.atm.ops.JournalPrinter;
import com.kippu.atm.ops.JournalView;
import com.kippu.atm.ops.OperationsLog;
import com.kippu.atm.ops.SessionSummary;
import com.kippu.atm.ops.StaffCase;
import com.kippu.atm.ops.StaffQueue;
import com.kippu.simulator.ops.BranchOperations;
import com.kippu.simulator.ops.CashClosing;
import com.kippu.simulator.ops.Reconciliation;
import com.kippu.simulator.ops.ReconciliationReport;
import com.kippu.simulator.ops.SettlementReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/**
 * The operator mode's records, the same as the {@code kippu-simulator journal}, {@code staff},
 * {@code cash-closing}, {@code reconcile} and {@code settle} commands print them: today's
 * electronic journal, the staff queue with the settling of one case (a ticket to void is voided at
 * the branch's center), today's cash closing, today's three-way reconciliation and this month's
 * settlement, read by the running center (its file is locked while it runs).
 */
final class OperatorRecords {
  private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

  private final Branch branch;
  private final BufferedReader in;
  private final PrintStream out;

  OperatorRecords(Branch branch, BufferedReader in, PrintStream out) {
    this.branch = branch;
    this.in = in;
    this.out = out;
  }

  /** The records as entries of the operator menu, in menu order. */
  List<Operator.Action> actions() {
    return List.of(
        new Operator.Action("journal", "Electronic journal of today", this::printJournal),
        new Operator.Action("staff", "Staff queue: list and settle a case", this::staffQueue),
        new Operator.Action(
            "cash-closing",
            "Cash closing of today: the unit's cash against the day's sessions",
            this::cashClosing),
        new Operator.Action(
            "reconcile",
            "Reconciliation of today: journal, host logs and center sales",
            this::reconcile),
        new Operator.Action(
            "settle",
            "Settlement of this month per issuer, by who received the money",
            this::settle));
  }

  private LocalDate today() {
    return LocalDate.now(branch.clock().withZone(ZONE));
  }

  private void cashClosing() {
    try {
      print(new CashClosing(branch.dir(), ZONE, branch.clock()).report(today()));
    } catch (IllegalArgumentException e) {
      out.println("  " + e.getMessage());
    }
  }

  private void reconcile() {
    List<Reconciliation.Line> lines =
        new Reconciliation(branch.dir(), branch.terminalId(), ZONE).run(today());
    print(ReconciliationReport.print(branch.terminalId(), today(), lines, false));
  }

  private void settle() {
    YearMonth month = YearMonth.from(today());
    print(
        SettlementReport.print(
            SettlementReport.settle(
                branch.dir(),
                branch.terminalId(),
                ZONE,
                month,
                branch.center().settlementService(ZONE))));
  }

  private void print(List<String> lines) {
    lines.forEach(l -> out.println("  " + l));
  }

  private void printJournal() {
    LocalDate today = today();
    try (JournalView view = JournalView.open(journalFile(), ZONE);
        OperationsLog log =
            OperationsLog.open(branch.dir().resolve(BranchOperations.FILE), branch.clock())) {
      List<List<JournalEntry>> sessions =
          view.sessionsOn(today).stream().map(SessionSummary::id).map(view::entries).toList();
      List<OperationsLog.Entry> ops =
          log.between(
              today.atStartOfDay(ZONE).toInstant(),
              today.plusDays(1).atStartOfDay(ZONE).toInstant());
      new JournalPrinter(ZONE)
          .day(branch.terminalId(), today, sessions, ops)
          .forEach(l -> out.println("  " + l));
    } catch (IllegalArgumentException e) {
      out.println("  " + e.getMessage());
    }
  }

  private void staffQueue() throws IOException {
    try (JournalView view = JournalView.open(journalFile(), ZONE);
        SqliteJournal journal =
            SqliteJournal.open(journalFile(), branch.clock(), TicketingPlugin.FINAL_STATES);
        OperationsLog log =
            OperationsLog.open(branch.dir().resolve(BranchOperations.FILE), branch.clock())) {
      StaffQueue queue = new StaffQueue(view, journal, log);
      List<StaffCase> cases = queue.cases();
      StaffQueue.print(cases).forEach(l -> out.println("  " + l));
      if (cases.isEmpty()) {
        return;
      }
      out.print("  Settle which case (its number 1-" + cases.size() + ", empty: none)? ");
      out.flush();
      String line = in.readLine();
      if (line == null || line.isBlank()) {
        return;
      }
      int n;
      try {
        n = Integer.parseInt(line.trim());
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n < 1 || n > cases.size()) {
        out.println("  No case " + line.trim() + "; nothing done.");
        return;
      }
      out.print("  Your name: ");
      out.flush();
      String operator = in.readLine();
      SessionId session = cases.get(n - 1).session();
      try {
        out.println(
            "  Settled: "
                + queue.settle(session, operator, "operator mode", branch.operatorDesk()));
      } catch (IllegalArgumentException | IllegalStateException e) {
        out.println("  Not settled: " + e.getMessage());
      }
    } catch (IllegalArgumentException e) {
      out.println("  " + e.getMessage());
    }
  }

  private java.nio.file.Path journalFile() {
    return branch.dir().resolve("journal.db");
  }
}
