package com.kippu.simulator.crash;

import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.atm.store.CrashPoints;
import com.kippu.center.CenterCommits;
import com.kippu.devices.DeviceCommits;
import com.kippu.simulator.Branch;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * The child JVM of the crash sweep: for each {@code <scenario> <dir>} pair of its arguments it
 * opens the real branch on {@code dir}, plays the scenario's journey once and closes the branch,
 * then prints {@value #DONE}, the session's result, the commits it made per kill point and, marked
 * {@value #AT_START}, those the branch's start made before the scenario began. Started with a kill
 * point ({@link CrashPoints}), it stops there instead and waits for its parent's SIGKILL.
 */
public final class CrashChild {
  static final String DONE = "SCENARIO-DONE";

  /** Prefix of a count of commits made while the branch opened, before the scenario began. */
  static final String AT_START = "start:";

  private CrashChild() {}

  public static void main(String[] args) {
    // The simulated devices and the center run in this JVM too: their commits are kill points.
    DeviceCommits.listen(CrashPoints::committed);
    CenterCommits.listen(CrashPoints::committed);
    try {
      for (int i = 0; i + 1 < args.length; i += 2) {
        CrashScenario scenario = CrashScenarios.named(args[i]);
        Map<String, Long> before = CrashPoints.counts();
        Map<String, Long> atStart = new TreeMap<>();
        String result = play(scenario, Path.of(args[i + 1]), atStart);
        Map<String, Long> made = new TreeMap<>(CrashPoints.counts());
        made.replaceAll((point, n) -> n - before.getOrDefault(point, 0L));
        atStart.replaceAll((point, n) -> n - before.getOrDefault(point, 0L));
        StringBuilder line = new StringBuilder(DONE + " " + scenario.name() + " " + result);
        made.forEach((point, n) -> line.append(' ').append(point).append('=').append(n));
        atStart.forEach(
            (point, n) -> line.append(' ').append(AT_START).append(point).append('=').append(n));
        System.out.println(line);
      }
      System.out.flush();
      System.exit(0);
    } catch (Exception | Error e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  /**
   * One session of the scenario on a branch opened on {@code dir}; returns its result and puts the
   * commit counts reached once the branch was open into {@code atStart}.
   */
  private static String play(CrashScenario scenario, Path dir, Map<String, Long> atStart)
      throws Exception {
    try (Branch branch =
        Branch.open(
            dir, Clock.systemUTC(), Branch.TERMINAL_ID, Branch.PRESENT_TIMEOUT, scenario.kind())) {
      atStart.putAll(CrashPoints.counts());
      ScriptedCustomer journey = scenario.journey(branch);
      branch.insertCard(scenario.customer());
      try {
        SessionOutcome outcome = branch.plugin().run(scenario.menuEntry(), journey);
        return outcome.result().name();
      } finally {
        branch.removeCard();
      }
    }
  }
}
