package com.kippu.simulator.web;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.journal.SqliteJournal;
import com.kippu.atm.ops.JournalView;
import com.kippu.atm.ops.OperationsLog;
import com.kippu.atm.ops.StaffCase;
import com.kippu.atm.ops.StaffQueue;
import com.kippu.simulator.Branch;
import com.kippu.simulator.ops.BranchOperations;
import com.kippu.simulator.ops.CashClosing;
import com.kippu.simulator.ops.Reconciliation;
import com.kippu.simulator.ops.ReconciliationReport;
import com.kippu.simulator.ops.SettlementReport;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's day on the page, as the {@code staff}, {@code cash-closing}, {@code reconcile} and
 * {@code settle} commands print it, from the same code over the running branch's files: the staff
 * queue with a case settled once (journaled, a ticket to void voided at the center), the day's cash
 * closing, the three-way reconciliation and the month's settlement.
 */
final class OperationsPanel {
  /** The reports the page asks for, by the name of the command that prints them. */
  static final List<String> REPORTS = List.of("staff", "cash-closing", "reconcile", "settle");

  private OperationsPanel() {}

  /** {@code GET /api/ops?report=...}: its title, its printed lines and, for staff, the cases. */
  static Map<String, Object> report(Branch branch, String report) throws WebRefusal {
    LocalDate today = LocalDate.now(branch.clock().withZone(JournalPanel.ZONE));
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("report", report);
    switch (report) {
      case "staff" -> {
        List<StaffCase> cases = withQueue(branch, StaffQueue::cases);
        List<Map<String, Object>> listed = new ArrayList<>();
        for (StaffCase c : cases) {
          listed.add(
              Map.of(
                  "session", c.session().value(),
                  "action", c.action().name(),
                  "happened", c.happened(),
                  "money", c.money()));
        }
        a.put("title", "Staff queue: " + cases.size() + " case(s) to settle");
        a.put("lines", StaffQueue.print(cases));
        a.put("cases", listed);
      }
      case "cash-closing" -> {
        a.put("title", "Cash closing " + today);
        a.put(
            "lines",
            new CashClosing(branch.dir(), JournalPanel.ZONE, branch.clock()).report(today));
      }
      case "reconcile" -> {
        List<Reconciliation.Line> lines =
            new Reconciliation(branch.dir(), branch.terminalId(), JournalPanel.ZONE).run(today);
        a.put(
            "title",
            "Reconciliation "
                + today
                + (Reconciliation.anyUnexplained(lines)
                    ? ": UNEXPLAINED differences"
                    : ": every difference explained"));
        a.put("lines", ReconciliationReport.print(branch.terminalId(), today, lines, false));
      }
      case "settle" -> {
        SettlementReport.Statement s =
            SettlementReport.settle(
                branch.dir(),
                branch.terminalId(),
                JournalPanel.ZONE,
                YearMonth.from(today),
                branch.center().settlementService(JournalPanel.ZONE));
        a.put("title", "Settlement " + YearMonth.from(today));
        a.put("lines", SettlementReport.print(s));
      }
      default -> throw new WebRefusal(404, "There is no report '" + report + "'.");
    }
    return a;
  }

  /**
   * {@code POST /api/ops/settle}: settles the case of {@code session} once, by {@code operator}; a
   * case settled already, or not in the queue, is refused with the reason.
   */
  static Map<String, Object> settle(Branch branch, String session, String operator, String note)
      throws WebRefusal {
    if (operator.isBlank()) {
      throw new WebRefusal(400, "Name the operator who settles the case.");
    }
    try {
      String done =
          withQueue(
              branch,
              q ->
                  q.settle(
                      new SessionId(session),
                      operator.strip(),
                      note.isBlank() ? "web page" : note.strip(),
                      branch.operatorDesk()));
      return Map.of("result", "Case " + session + " settled: " + done);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new WebRefusal(409, "Case " + session + " not settled: " + e.getMessage());
    }
  }

  private interface QueueWork<T> {
    T apply(StaffQueue queue);
  }

  private static <T> T withQueue(Branch branch, QueueWork<T> work) {
    Path journalFile = branch.dir().resolve("journal.db");
    try (JournalView view = JournalView.open(journalFile, JournalPanel.ZONE);
        SqliteJournal journal =
            SqliteJournal.open(journalFile, branch.clock(), TicketingPlugin.FINAL_STATES);
        OperationsLog log =
            OperationsLog.open(branch.dir().resolve(BranchOperations.FILE), branch.clock())) {
      return work.apply(new StaffQueue(view, journal, log));
    }
  }
}
