package com.kippu.simulator.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.kippu.atm.store.CrashPoints;
import com.kippu.center.CenterCommits;
import com.kippu.devices.DeviceCommits;
import com.kippu.simulator.Branch;
import com.kippu.simulator.CardValueScenarios;
import com.kippu.simulator.crash.ChildJvm.KillPoint;
import com.kippu.simulator.crash.CrashScenario.Weighing;
import com.kippu.simulator.crash.KillPoints.Counted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recharge of a prepaid card (F11) keeps every yen when the terminal is killed with SIGKILL
 * anywhere in it: a child JVM plays Hanako's 10,000-yen recharge by transfer ({@link
 * RechargeScenario}) and is killed at a commit of the terminal's journal, of its bank link's state,
 * of the bank host's ledger, of the center's recharge ({@link CenterCommits#CARDS}) or of the purse
 * on the card ({@link DeviceCommits#PURSE}); the terminal starts again on the same files with the
 * card in its reader. Then the bank's total is unchanged, and what Hanako lost is exactly what the
 * issuer gained, what the center recorded on the card and what the card's purse gained: 10,000
 * (value loaded once) or 0 (the debit reversed); no session is left open. The points of the center,
 * the bank host's ledger and the purse are all killed; of the journal and the link, one in {@link
 * #EVERY} (their neighbours differ only in what the screens showed).
 */
class RechargeCrashIntegrationTest {
  private static final Duration CHILD_DEADLINE = Duration.ofSeconds(90);
  private static final Duration REVERSAL_DRAIN = Duration.ofSeconds(30);

  /** One journal or link commit in this many is killed. */
  private static final int EVERY = 2;

  private static final RechargeScenario SCENARIO =
      (RechargeScenario) CrashScenarios.named("recharge");

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
    try (Branch branch = Branch.open(template, Clock.systemUTC())) {
      CardValueScenarios.prepaidCard(branch, RechargeScenario.CARD);
      assertEquals(RechargeScenario.START_VALUE, SCENARIO.purse(branch), "the card's purse");
      before = SCENARIO.weigh(branch);
    }
    List<String> done =
        child().count(List.of(SCENARIO.name(), copyOf(template, "uncrashed").toString()));
    counted = Counted.parse(done.get(0)).getValue();
  }

  @Test
  void theUncrashedRechargeLoadsTheValueOnce() throws Exception {
    assertEquals("COMPLETED", counted.result(), counted.toString());
    assertTrue(counted.made(DeviceCommits.PURSE) >= 1, "the purse was written: " + counted);
    assertTrue(counted.made(CenterCommits.CARDS) >= 1, "the center recorded it: " + counted);
    List<String> broken = audit(work.resolve("uncrashed"));
    assertEquals(List.of(), broken);
  }

  @Test
  void aKillAnywhereInTheRechargeNeitherLoadsTwiceNorKeepsTheMoneyWithoutTheValue()
      throws Exception {
    List<KillPoint> points = new ArrayList<>();
    for (String point :
        List.of(
            CrashPoints.JOURNAL,
            KillPoints.LINK,
            KillPoints.HOST_LEDGER,
            CenterCommits.CARDS,
            DeviceCommits.PURSE)) {
      boolean sampled = point.equals(CrashPoints.JOURNAL) || point.equals(KillPoints.LINK);
      long first = counted.atStart(point) + 1;
      for (long n = first; n <= counted.made(point); n++) {
        if (!sampled || (n - first) % EVERY == 0) {
          points.add(new KillPoint(point, n));
        }
      }
    }
    List<String> failures = new ArrayList<>();
    Map<String, Long> made = counted.made();
    long started = System.nanoTime();
    for (KillPoint point : points) {
      Path run = copyOf(template, "killed-" + point.point() + "-" + point.n());
      try {
        child().killAt(point, SCENARIO.name(), run);
        List<String> broken = audit(run);
        if (!broken.isEmpty()) {
          failures.add(point + ": " + String.join("; ", broken));
        }
      } catch (Exception | AssertionError e) {
        failures.add(point + ": " + e.getMessage());
      } finally {
        delete(run);
      }
    }
    System.out.printf(
        "recharge crash sweep: %d kill points of %s in %d s, %s%n",
        points.size(),
        made,
        Duration.ofNanos(System.nanoTime() - started).toSeconds(),
        failures.isEmpty() ? "all invariants held" : failures.size() + " broke");
    assertTrue(points.size() >= 10, "killed at " + points);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /** Restarts the terminal on {@code dir}, the card in its reader, and names what is broken. */
  private static List<String> audit(Path dir) throws Exception {
    List<String> broken = new ArrayList<>();
    try (Restart restart = Restart.on(dir, SCENARIO, REVERSAL_DRAIN)) {
      Branch branch = restart.branch();
      if (!restart.after().problems().isEmpty()) {
        broken.add("restart: " + restart.after().problems());
      }
      Weighing after = restart.after().weighing();
      long lost = before.customer() - after.customer();
      long gained = after.issuer() - before.issuer();
      long recorded =
          CardValueScenarios.valueAtCenter(branch, RechargeScenario.CARD)
              - RechargeScenario.START_VALUE;
      long loaded = SCENARIO.purse(branch) - RechargeScenario.START_VALUE;
      if (after.total() != before.total()) {
        broken.add("bank total " + before.total() + " -> " + after.total());
      }
      if (lost != 0 && lost != RechargeScenario.AMOUNT) {
        broken.add("Hanako lost " + lost);
      }
      if (gained != lost) {
        broken.add("Hanako lost " + lost + ", the issuer gained " + gained);
      }
      if (recorded != lost) {
        broken.add("Hanako lost " + lost + ", the center recorded " + recorded + " on the card");
      }
      if (loaded != lost) {
        broken.add("Hanako lost " + lost + ", the card's purse gained " + loaded);
      }
      List<?> open = branch.plugin().journal().openSessions();
      if (!open.isEmpty()) {
        broken.add("open sessions " + open);
      }
    }
    return broken;
  }

  private static ChildJvm child() {
    return new ChildJvm(work.resolve("children.log"), CHILD_DEADLINE);
  }

  /** A copy of the branch in {@code dir}, with owner-only permissions kept. */
  private static Path copyOf(Path dir, String name) throws IOException {
    Path copy = work.resolve(name);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path from : (Iterable<Path>) files::iterator) {
        Path to = copy.resolve(dir.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return copy;
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }
}
