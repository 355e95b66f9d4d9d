package com.kippu.simulator.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.kippu.atm.store.CrashPoints;
import com.kippu.simulator.Branch;
import com.kippu.simulator.BranchCopies;
import com.kippu.simulator.crash.ChildJvm.KillPoint;
import com.kippu.simulator.crash.CrashScenario.Weighing;
import com.kippu.simulator.crash.KillPoints.Counted;
import com.kippu.simulator.ops.Reconciliation;
import com.kippu.simulator.ops.ReconciliationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Money is never created or destroyed by a crash: each scenario of {@link CrashScenarios} runs in a
 * child JVM on a fresh copy of one seeded branch and is killed with SIGKILL at every durable commit
 * ({@link KillPoints}) of the terminal's journal, of its link state on every route, of the bank
 * host's ledger, of the simulated purse and cash unit and of the center's holds and issuances; the
 * branch restarted on the same files (recovery runs at open) and the card's return must then
 * satisfy every check of {@link BranchAudit}, and the closed branch's three-way reconciliation must
 * leave no difference unexplained.
 */
class CrashSweepIntegrationTest {
  private static final Duration CHILD_DEADLINE = Duration.ofSeconds(90);
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  /**
   * Restricts each sweep to the kill points listed (comma-separated, e.g. {@code journal:7}), to
   * try one scenario's kill point while writing it; the suite never sets it.
   */
  private static final String ONLY = "kippu.crashsweep.only";

  /** Far beyond one request timeout (5 s) for the reversals the link sends right after connect. */
  private static final Duration REVERSAL_DRAIN = Duration.ofSeconds(30);

  @TempDir static Path work;

  private static Path template;
  private static final Map<String, Weighing> BEFORE = new HashMap<>();
  private static final Map<String, Counted> COUNTED = new HashMap<>();

  @BeforeAll
  static void seedAndCount() throws Exception {
    assumeFalse(
        System.getProperty("os.name").startsWith("Windows"),
        "the sweep kills its children with SIGKILL, which needs a POSIX system");
    template = work.resolve("template");
    try (Branch branch = Branch.open(template, Clock.systemUTC())) {
      for (CrashScenario s : CrashScenarios.ALL) {
        BEFORE.put(s.name(), s.weigh(branch));
      }
    }
    List<String> pairs = new ArrayList<>();
    for (CrashScenario s : CrashScenarios.ALL) {
      pairs.add(s.name());
      pairs.add(copyOfTemplate(uncrashed(s)).toString());
    }
    // One child counts every scenario, each on its own copy and its own branch.
    for (String line : child().count(pairs)) {
      Map.Entry<String, Counted> counted = Counted.parse(line);
      COUNTED.put(counted.getKey(), counted.getValue());
    }
  }

  @Test
  void transferKeepsEveryYenAtEveryKillPoint() throws Exception {
    sweep(CrashScenarios.named("transfer"));
  }

  @Test
  void declinedTransferKeepsEveryYenAtEveryKillPoint() throws Exception {
    sweep(CrashScenarios.named("transfer-declined"));
  }

  @Test
  void debitKeepsEveryYenAtEveryKillPoint() throws Exception {
    sweep(CrashScenarios.named("debit"));
  }

  @Test
  void creditKeepsEveryYenAtEveryKillPoint() throws Exception {
    sweep(CrashScenarios.named("credit"));
  }

  @Test
  void prepaidKeepsEveryYenAtEveryKillPoint() throws Exception {
    sweep(CrashScenarios.named("prepaid"));
  }

  @Test
  void emoneyKeepsEveryYenAtEveryKillPoint() throws Exception {
    sweep(CrashScenarios.named("emoney"));
  }

  @Test
  void refundedEmoneyKeepsEveryYenAtEveryKillPoint() throws Exception {
    sweep(CrashScenarios.named("emoney-refunded"));
  }

  @Test
  void cashKeepsEveryYenAtEveryKillPoint() throws Exception {
    sweep(CrashScenarios.named("cash"));
  }

  @Test
  void cancelledCashKeepsEveryYenAtEveryKillPoint() throws Exception {
    sweep(CrashScenarios.named("cash-cancel"));
  }

  /**
   * The audit bites on every rail's records (bank host, card network, purse, cash deposit): a paid
   * ticket that vanished from the center is a debit without a ticket.
   */
  @ParameterizedTest
  @ValueSource(strings = {"transfer", "credit", "emoney", "cash"})
  void auditNamesADebitWhoseTicketIsGone(String name) throws Exception {
    CrashScenario scenario = CrashScenarios.named(name);
    Path planted = copyOf(work.resolve(uncrashed(scenario)), "planted-" + name);
    Restart.After after;
    try (Restart restart = Restart.on(planted, scenario, REVERSAL_DRAIN)) {
      after = restart.after();
    }
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + planted.resolve("issuer-center.db"));
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM ticket_seat");
      s.executeUpdate("DELETE FROM ticket");
    }
    List<String> violations =
        BranchAudit.of(planted, scenario, BEFORE.get(scenario.name()), after).violations();
    assertTrue(
        violations.stream().anyMatch(v -> v.startsWith("(ii) debit without ticket: customer")),
        "the customer's loss names it: " + violations);
    assertTrue(
        violations.stream()
            .anyMatch(
                v ->
                    v.startsWith("(ii) debit without ticket: payment")
                        && v.endsWith("stands and bought no ticket")),
        "the rail's standing payment names it: " + violations);
  }

  /**
   * An e-money attempt killed right after it was journaled, its card out of the reader while the
   * terminal starts again: start-up recovery cannot ask the purse and leaves the session open; the
   * recovery before the next session, with the card back in the reader, settles it.
   */
  @Test
  void emoneyAttemptIsSettledWhenItsCardComesBackAfterTheStart() throws Exception {
    CrashScenario emoney = CrashScenarios.named("emoney");
    KillPoint afterPayBegin =
        new KillPoint(
            CrashPoints.JOURNAL, journalPosition(work.resolve(uncrashed(emoney)), "pay.begin"));
    Path run = copyOfTemplate("emoney-card-out");
    child().killAt(afterPayBegin, emoney.name(), run);
    try (Restart restart = Restart.withCardOut(run, emoney, REVERSAL_DRAIN)) {
      BranchAudit audit = BranchAudit.of(run, emoney, BEFORE.get(emoney.name()), restart.after());
      assertEquals(List.of(), audit.violations(), "killed at " + afterPayBegin);
    }
  }

  /** The position (1-based) of the first journal entry in {@code state} in the branch's journal. */
  private static long journalPosition(Path dir, String state) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT state FROM journal ORDER BY rowid")) {
      for (long n = 1; rs.next(); n++) {
        if (rs.getString(1).equals(state)) {
          return n;
        }
      }
    }
    throw new IllegalStateException("no journal entry " + state + " in " + dir);
  }

  private static void sweep(CrashScenario scenario) throws Exception {
    long started = System.nanoTime();
    Counted counted = COUNTED.get(scenario.name());
    Weighing before = BEFORE.get(scenario.name());
    uncrashedRunMovesWhatItSays(scenario, counted, before);
    // The branch's start is the same in every scenario: the table's first one kills there.
    CrashScenario startSweeper = CrashScenarios.ALL.get(0);
    boolean sweepsStart = scenario == startSweeper;
    String only = System.getProperty(ONLY, "");
    List<KillPoint> points =
        KillPoints.of(
            counted,
            sweepsStart,
            scenario.killEvery(),
            only.isEmpty() ? Set.of() : Set.of(only.split(",")));
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    Set<LocalDate> days = ConcurrentHashMap.newKeySet();
    days.add(LocalDate.now(TOKYO));
    Map<String, Integer> ends = new TreeMap<>();
    List<String> gapsStillOpen = new ArrayList<>();
    CompletableFuture<Void> closing = CompletableFuture.completedFuture(null);
    for (KillPoint point : points) {
      Path run = copyOfTemplate(scenario.name() + "-" + point.point() + "-" + point.n());
      try {
        child().killAt(point, scenario.name(), run);
      } catch (IllegalStateException e) {
        failures.add(scenario.name() + " at " + point + ": " + e.getMessage());
        continue;
      }
      // One branch in this JVM at a time: the previous restart must be closed before this one.
      closing.join();
      BranchAudit audit;
      String gap = scenario.knownGaps().get(point.toString());
      try (Restart restart = Restart.on(run, scenario, REVERSAL_DRAIN)) {
        audit = BranchAudit.of(run, scenario, before, restart.after());
        // Reconciled once the branch is closed (its center holds its database while it runs).
        closing =
            restart.closeInBackground(
                () -> {
                  if (gap == null) {
                    unreconciled(run, scenario.name() + " at " + point, days)
                        .ifPresent(failures::add);
                  }
                  BranchCopies.delete(run);
                });
      } catch (Exception e) {
        failures.add(scenario.name() + " at " + point + ": the restart failed: " + e);
        continue;
      }
      boolean atJournal = point.point().equals(CrashPoints.JOURNAL);
      if (atJournal) {
        audit.killedAfterEntry(point.n());
      }
      ends.merge(audit.crashedSessionEnd(), 1, Integer::sum);
      if (gap != null) {
        if (audit.violations().isEmpty()) {
          failures.add(
              scenario.name() + " at " + point + " keeps the audit now: remove its known gap");
        } else {
          gapsStillOpen.add(point + " (" + audit.violations().size() + " violations)");
        }
      } else if (!audit.violations().isEmpty()) {
        failures.add(
            scenario.name()
                + " killed at "
                + point
                + (atJournal ? " (after " + audit.crashedSessionState(point.n()) + ")" : "")
                + ":\n  "
                + String.join("\n  ", audit.violations())
                + "\n  journal:\n    "
                + audit.trails());
      }
    }
    closing.join();
    days.add(LocalDate.now(TOKYO));
    long atStart = KillPoints.atStart(counted);
    System.out.printf(
        "crash sweep %s: %d of %d kill points (%s%s%s), %s%s in %d s; the session ended %s%n",
        scenario.name(),
        points.size(),
        KillPoints.all(counted),
        counted.describe(),
        sweepsStart || atStart == 0
            ? ""
            : "; the " + atStart + " at the branch's start are swept by " + startSweeper.name(),
        scenario.killEvery() == 1 ? "" : "; one in " + scenario.killEvery() + " of the rest",
        failures.isEmpty() ? "all invariants held" : failures.size() + " broke an invariant",
        gapsStillOpen.isEmpty() ? "" : " except at known gaps still open: " + gapsStillOpen,
        Duration.ofNanos(System.nanoTime() - started).toSeconds(),
        ends);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /** The uncrashed run passes the audit and moves the money the scenario says it moves. */
  private static void uncrashedRunMovesWhatItSays(
      CrashScenario scenario, Counted counted, Weighing before) throws Exception {
    assertTrue(
        counted.made(CrashPoints.JOURNAL) > 0 && counted.made(KillPoints.LINK) > 0,
        scenario.name() + ": " + counted);
    Path run = work.resolve(uncrashed(scenario));
    try (Restart restart = Restart.on(run, scenario, REVERSAL_DRAIN)) {
      assertEquals(
          List.of(),
          BranchAudit.of(run, scenario, before, restart.after()).violations(),
          "uncrashed " + scenario.name());
      assertEquals(
          scenario.expectedLoss(),
          before.customer() - restart.after().weighing().customer(),
          "the customer's loss in the uncrashed "
              + scenario.name()
              + " ("
              + counted.result()
              + ")");
    }
    Optional<String> report =
        unreconciled(run, "uncrashed " + scenario.name(), Set.of(LocalDate.now(TOKYO)));
    assertTrue(report.isEmpty(), report.orElse(""));
  }

  /**
   * The three-way reconciliation (journal, the hosts' logs, the center's sales) of the closed
   * branch in {@code dir} on {@code days}: the report when a difference is unexplained.
   */
  private static Optional<String> unreconciled(Path dir, String what, Set<LocalDate> days) {
    Reconciliation reconciliation = new Reconciliation(dir, Branch.TERMINAL_ID, TOKYO);
    for (LocalDate day : days) {
      List<Reconciliation.Line> lines = reconciliation.run(day);
      if (Reconciliation.anyUnexplained(lines)) {
        return Optional.of(
            what
                + ": reconciliation left a difference unexplained:\n  "
                + String.join(
                    "\n  ", ReconciliationReport.print(Branch.TERMINAL_ID, day, lines, false)));
      }
    }
    return Optional.empty();
  }

  private static String uncrashed(CrashScenario scenario) {
    return "uncrashed-" + scenario.name();
  }

  private static ChildJvm child() {
    return new ChildJvm(work.resolve("children.log"), CHILD_DEADLINE);
  }

  private static Path copyOfTemplate(String name) throws IOException {
    return copyOf(template, name);
  }

  /** A copy of the branch in {@code dir}, with owner-only permissions kept. */
  private static Path copyOf(Path dir, String name) throws IOException {
    return BranchCopies.copy(dir, work.resolve(name));
  }
}
