package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.ops.JournalPrinter;
import com.kippu.atm.ops.JournalView;
import com.kippu.center.catalog.CatalogSeed;
import com.kippu.center.db.SqliteDatabase;
import com.kippu.center.issuer.IssuerAccount;
import com.kippu.center.issuer.sql.SqlIssuerAccountRepository;
import com.kippu.center.settlement.Settlement;
import com.kippu.simulator.ops.Reconciliation;
import com.kippu.simulator.ops.ReconciliationReport;
import com.kippu.simulator.ops.SettlementReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A day of a branch with faults (an answer lost on the bank line, a decline, paper out mid-ticket,
 * cash, cards, e-money) reconciles with no unexplained difference; a row then removed from the bank
 * host's log is reported, and the command exits non-zero.
 */
class ReconciliationIntegrationTest {
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  @TempDir static Path dir;
  @TempDir Path elsewhere;
  private static LocalDate day;

  @BeforeAll
  static void aDayWithFaults() throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (Branch branch = Branch.open(dir, Clock.systemUTC())) {
      day = LocalDate.now(TOKYO);
      DemoRun run = new DemoRun(branch, quiet);
      play(run, "transfer");
      branch.bank().dropResponses(1);
      play(run, "transfer");
      play(run, "transfer-declined");
      play(run, "debit");
      play(run, "credit");
      play(run, "cash");
      play(run, "emoney");
      play(run, "ticket-paper-out");
    }
  }

  private static void play(DemoRun run, String scenario) throws Exception {
    Demo.find(scenario).orElseThrow().play(run);
  }

  @Test
  void aDayWithFaultsHasNoUnexplainedDifference() {
    List<Reconciliation.Line> lines = new Reconciliation(dir, Branch.TERMINAL_ID, TOKYO).run(day);
    String report =
        String.join("\n", ReconciliationReport.print(Branch.TERMINAL_ID, day, lines, true));
    assertFalse(Reconciliation.anyUnexplained(lines), report);
    assertTrue(
        lines.stream().filter(l -> l.verdict() == Reconciliation.Verdict.MATCHED).count() >= 5,
        report);
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.terminal().equals("REVERSED")
                        && l.rail().contains("REVERSED")
                        && l.explanation().equals("reversed")),
        "the lost answer's transfer is found in the bank log by its link state, reversed:\n"
            + report);
    assertTrue(
        lines.stream().noneMatch(l -> l.terminal().equals("no journal record")),
        "every host row belongs to a session:\n" + report);
  }

  @Test
  void settlementFollowsTheMoneyAndEqualsTheReconciledSales() throws Exception {
    // The same day under a contract with a fee: 250 bp on both sides.
    Path copy = elsewhere.resolve("fee");
    copyTree(dir, copy);
    setFee(copy, 250);
    SettlementReport.Statement s =
        SettlementReport.settle(copy, Branch.TERMINAL_ID, TOKYO, YearMonth.from(day));
    String report = String.join("\n", SettlementReport.print(s));
    assertTrue(s.agrees(), report);
    assertTrue(s.salesYen() > 0, report);
    Settlement line =
        s.lines().stream()
            .filter(l -> l.issuerId().value().equals(CatalogSeed.ISSUER.value()))
            .findFirst()
            .orElseThrow();
    assertEquals(250, line.feeBps(), report);
    assertTrue(line.collectedYen() > 0, "credit is collected by the operator: " + report);
    assertTrue(line.receivedByIssuerYen() > 0, "a transfer goes to the issuer: " + report);
    assertEquals(line.salesYen(), line.collectedYen() + line.receivedByIssuerYen());
    assertEquals(s.reconciledSalesYen(), line.salesYen(), "one issuer sold the day: " + report);
    long feeOnCollected = line.collectedYen() * 250 / 10_000;
    long feeReceivable = line.receivedByIssuerYen() * 250 / 10_000;
    assertTrue(feeOnCollected > 0 && feeReceivable > 0, report);
    assertEquals(line.collectedYen() - feeOnCollected, line.payableYen(), report);
    assertEquals(feeReceivable, line.feeReceivableYen(), report);
    assertEquals(feeOnCollected + feeReceivable, line.feeYen(), report);
    assertEquals(line.payableYen() - line.feeReceivableYen(), line.netPayableYen(), report);
    assertEquals(
        line.salesYen(),
        s.payments().stream().mapToLong(p -> p.amountYen()).sum(),
        "the payments behind the line add up to it");
    assertTrue(
        report.contains(
            String.format(
                "payable to issuer        JPY %,12d  (collected less the fee on it, JPY %,d)",
                line.payableYen(), feeOnCollected)),
        report);
    assertTrue(
        report.contains(
            String.format(
                "fee receivable           JPY %,12d  (the fee on what the issuer received)",
                feeReceivable)),
        report);
    assertTrue(
        report.contains(String.format("net payable to issuer    JPY %,12d", line.netPayableYen())),
        report);
    assertTrue(report.contains("reconciled sales JPY " + String.format("%,d", s.salesYen())));

    // The command writes the same figures as CSV, each in its own column.
    Path prefix = elsewhere.resolve("statement");
    assertEquals(
        0,
        SimulatorMain.commandLine(System.err)
            .execute(
                "settle",
                "--dir",
                copy.toString(),
                "--day",
                day.toString(),
                "--csv",
                prefix.toString()));
    List<String> csv = Files.readAllLines(elsewhere.resolve("statement-summary.csv"));
    assertTrue(csv.get(0).endsWith(",fee_yen,net_payable_yen,payable_yen,fee_receivable_yen"));
    assertTrue(
        csv.stream()
            .anyMatch(
                r ->
                    r.endsWith(
                        String.format(
                            ",250,%d,%d,%d,%d",
                            line.feeYen(),
                            line.netPayableYen(),
                            line.payableYen(),
                            line.feeReceivableYen()))),
        csv.toString());
  }

  /** Sets the demo issuer's fee in the stopped branch's center, as the operator's contract does. */
  private static void setFee(Path branchDir, int feeBps) {
    try (SqliteDatabase db =
        SqliteDatabase.open(branchDir.resolve("issuer-center.db"), 1, Duration.ofSeconds(10))) {
      var accounts = new SqlIssuerAccountRepository(db);
      IssuerAccount a = accounts.find(CatalogSeed.ISSUER).orElseThrow();
      assertTrue(
          accounts.update(
              new IssuerAccount(
                  a.issuerId(), a.name(), a.kind(), a.bankAccount(), feeBps, a.salesEndpoint())));
    }
  }

  @Test
  void aRemovedBankLogRowIsReported() throws Exception {
    Path copy = elsewhere.resolve("branch");
    copyTree(dir, copy);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy.resolve("bank-host.db"));
        Statement s = c.createStatement()) {
      assertEquals(
          1,
          s.executeUpdate(
              "DELETE FROM movements WHERE id ="
                  + " (SELECT MIN(id) FROM movements WHERE status = 'APPLIED')"));
    }
    List<Reconciliation.Line> lines = new Reconciliation(copy, Branch.TERMINAL_ID, TOKYO).run(day);
    String report =
        String.join("\n", ReconciliationReport.print(Branch.TERMINAL_ID, day, lines, false));
    assertTrue(Reconciliation.anyUnexplained(lines), report);
    assertTrue(
        report.contains("UNEXPLAINED") && report.contains("no row in the host's log"), report);
    assertEquals(
        1,
        lines.stream().filter(l -> l.verdict() == Reconciliation.Verdict.UNEXPLAINED).count(),
        report);
    assertEquals(
        3,
        SimulatorMain.commandLine(System.err)
            .execute("reconcile", "--dir", copy.toString(), "--day", day.toString()));
  }

  @Test
  void theDaysJournalShowsEverySessionMasked() {
    try (JournalView view = JournalView.open(dir.resolve("journal.db"), TOKYO)) {
      List<String> lines =
          new JournalPrinter(TOKYO)
              .day(
                  Branch.TERMINAL_ID,
                  day,
                  view.sessionsOn(day).stream().map(s -> view.entries(s.id())).toList(),
                  List.of());
      String text = String.join("\n", lines);
      assertTrue(text.contains("COMPLETED"), text);
      assertFalse(
          text.contains(Branch.CUSTOMERS.get(0).account().value()), "no full account number");
    }
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (var files = java.nio.file.Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (java.nio.file.Files.isDirectory(p)) {
          java.nio.file.Files.createDirectories(target);
        } else {
          java.nio.file.Files.copy(p, target);
        }
      }
    }
  }
}
