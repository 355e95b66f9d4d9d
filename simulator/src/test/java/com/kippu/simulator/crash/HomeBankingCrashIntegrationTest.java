package com.kippu.simulator.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.kippu.atm.spi.TerminalProfile;
import com.kippu.atm.store.CrashPoints;
import com.kippu.center.CenterCommits;
import com.kippu.devices.DeviceCommits;
import com.kippu.simulator.Branch;
import com.kippu.simulator.BranchCopies;
import com.kippu.simulator.HomeUser;
import com.kippu.simulator.crash.ChildJvm.KillPoint;
import com.kippu.simulator.crash.CrashScenario.Payment;
import com.kippu.simulator.crash.CrashScenario.Weighing;
import com.kippu.simulator.crash.KillPoints.Counted;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every debit ends in a ticket or a reversal at a home PC too, also after a crash (F13 online
 * banking, S2 ¶51): a child JVM runs the home PC branch (terminal, center, bank host and card
 * network in one process) through {@link HomeBankingScenario} and is killed with SIGKILL at a
 * commit of the terminal's journal, of a link's state (the center's own link to the bank among
 * them), of the bank host's ledger, of the center's hold and issuance ({@link
 * CenterCommits#RESERVATIONS}), of the center's home payment record ({@link CenterCommits#HOME}) or
 * of the card's records; the terminal starts again on the same files with the card in its reader.
 * Then {@link BranchAudit} holds (the bank's total unchanged, the account debited once exactly when
 * a ticket names the transfer, no seat sold twice, no session open, the ticket on the card), and
 * the center's {@code home_payment} record agrees with the bank: APPROVED exactly when its transfer
 * stands. Every commit of the links, the bank, the center and the card after the branch's start is
 * killed; of the journal, one in {@link #EVERY}. About four minutes on two shared cores.
 */
class HomeBankingCrashIntegrationTest {
  private static final Duration CHILD_DEADLINE = Duration.ofSeconds(120);
  private static final Duration REVERSAL_DRAIN = Duration.ofSeconds(30);

  /** One journal commit in this many is killed (neighbours differ only in what screens showed). */
  private static final int EVERY = 3;

  private static final HomeBankingScenario HOME =
      (HomeBankingScenario) CrashScenarios.named("home-banking");

  @TempDir static Path work;

  private static Path template;
  private static Weighing before;
  private static Counted counted;

  @BeforeAll
  static void seedAndCount() throws Exception {
    assumeFalse(
        System.getProperty("os.name").startsWith("Windows"),
        "the test kills its children with SIGKILL, which needs a POSIX system");
    template = work.resolve("template");
    try (Branch branch =
        Branch.open(
            template,
            Clock.systemUTC(),
            Branch.TERMINAL_ID,
            Branch.PRESENT_TIMEOUT,
            TerminalProfile.Kind.HOME_PC)) {
      HomeUser.register(branch);
      before = HOME.weigh(branch);
    }
    List<String> done =
        child().count(List.of(HOME.name(), copyOf(template, "uncrashed").toString()));
    counted = Counted.parse(done.get(0)).getValue();
  }

  @Test
  void theUncrashedRunPaysOnceAndIssues() throws Exception {
    assertEquals("COMPLETED", counted.result(), counted.toString());
    assertTrue(counted.made(KillPoints.HOST_LEDGER) >= 1, "the bank posted: " + counted);
    assertTrue(counted.made(CenterCommits.HOME) >= 1, "the center recorded it: " + counted);
    Path run = work.resolve("uncrashed");
    try (Restart restart = Restart.on(run, HOME, REVERSAL_DRAIN)) {
      Restart.After after = drained(restart);
      assertEquals(List.of(), violations(run, after, 0), "uncrashed");
      assertEquals(HOME.expectedLoss(), before.customer() - after.weighing().customer(), "paid");
    }
  }

  @Test
  void aKillAnywhereEndsInATicketOrAReversal() throws Exception {
    List<KillPoint> points = new ArrayList<>();
    for (String point :
        List.of(
            CrashPoints.JOURNAL,
            KillPoints.LINK,
            KillPoints.HOST_LEDGER,
            CenterCommits.RESERVATIONS,
            CenterCommits.HOME,
            DeviceCommits.CARD_RECORD)) {
      boolean sampled = point.equals(CrashPoints.JOURNAL);
      long first = counted.atStart(point) + 1;
      for (long n = first; n <= counted.made(point); n++) {
        if (!sampled || (n - first) % EVERY == 0) {
          points.add(new KillPoint(point, n));
        }
      }
    }
    List<String> failures = new ArrayList<>();
    Map<String, Integer> ends = new TreeMap<>();
    long started = System.nanoTime();
    for (KillPoint point : points) {
      Path run = copyOf(template, "killed-" + point.point() + "-" + point.n());
      try {
        child().killAt(point, HOME.name(), run);
        try (Restart restart = Restart.on(run, HOME, REVERSAL_DRAIN)) {
          Restart.After after = drained(restart);
          List<String> broken =
              violations(run, after, point.point().equals(CrashPoints.JOURNAL) ? point.n() : 0);
          ends.merge(BranchAudit.of(run, HOME, before, after).crashedSessionEnd(), 1, Integer::sum);
          if (!broken.isEmpty()) {
            failures.add(point + ":\n  " + String.join("\n  ", broken));
          }
        }
      } catch (Exception | AssertionError e) {
        failures.add(point + ": " + e);
      } finally {
        BranchCopies.delete(run);
      }
    }
    System.out.printf(
        "home banking crash sweep: %d kill points of %s in %d s, %s; the session ended %s%n",
        points.size(),
        counted.made(),
        Duration.ofNanos(System.nanoTime() - started).toSeconds(),
        failures.isEmpty() ? "all invariants held" : failures.size() + " broke",
        ends);
    assertTrue(
        points.stream().anyMatch(p -> p.point().equals(CenterCommits.HOME))
            && points.stream().anyMatch(p -> p.point().equals(KillPoints.HOST_LEDGER)),
        "killed at " + points);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /**
   * What the restart left once the center's own bank link has had its stored reversals confirmed
   * too (it sends them after it connects, beside the terminal's session): weighed again.
   */
  private static Restart.After drained(Restart restart) throws InterruptedException {
    Branch branch = restart.branch();
    Restart.After after = restart.after();
    boolean drained = branch.centerBank().orElseThrow().awaitNoPendingReversals(REVERSAL_DRAIN);
    return new Restart.After(
        HOME.weigh(branch),
        after.ticketsOnCard(),
        after.returnSession(),
        after.problems()
            + (drained ? "" : "the center's reversals still pending after " + REVERSAL_DRAIN),
        after.devices());
  }

  /**
   * The branch audit's violations, and the center's home payment records against the bank's: each
   * online-banking payment is APPROVED exactly when its transfer stands, and every transfer that
   * stands is recorded. {@code killedAtEntry}: the journal entry the child was killed after, or 0.
   */
  private static List<String> violations(Path dir, Restart.After after, long killedAtEntry)
      throws Exception {
    BranchAudit audit = BranchAudit.of(dir, HOME, before, after);
    if (killedAtEntry > 0) {
      audit.killedAfterEntry(killedAtEntry);
    }
    List<String> broken = new ArrayList<>(audit.violations());
    Set<Payment> standing = HOME.standingPayments(dir);
    Set<String> standingStans = new java.util.HashSet<>();
    standing.forEach(p -> standingStans.add(p.key()));
    Set<String> approved = new java.util.HashSet<>();
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("issuer-center.db"));
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT reference, status, stan, amount_yen FROM home_payment"
                    + " WHERE method = 'ONLINE_BANKING'")) {
      while (rs.next()) {
        String payment = rs.getString(1) + " " + rs.getString(2) + " stan " + rs.getString(3);
        boolean isApproved = rs.getString(2).equals("APPROVED");
        if (isApproved) {
          approved.add(rs.getString(3));
        }
        if (isApproved != standingStans.contains(rs.getString(3))) {
          broken.add(
              "home_payment "
                  + payment
                  + (isApproved ? " but its transfer does not stand" : " but its transfer stands"));
        }
      }
    }
    for (Payment p : standing) {
      if (!approved.contains(p.key())) {
        broken.add("transfer " + p + " stands with no APPROVED home_payment");
      }
    }
    return broken;
  }

  private static ChildJvm child() {
    return new ChildJvm(work.resolve("children.log"), CHILD_DEADLINE);
  }

  /** A copy of the branch in {@code dir}, with owner-only permissions kept. */
  private static Path copyOf(Path dir, String name) throws IOException {
    return BranchCopies.copy(dir, work.resolve(name));
  }
}
