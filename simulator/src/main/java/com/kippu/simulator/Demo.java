package com.kippu.simulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * {@code kippu-simulator demo}: plays named customer journeys, each on a fresh branch of its own
 * under the demo directory, prints every screen and check, and ends with {@code N passed, M
 * failed}. A scenario that throws fails, and the next one still runs.
 */
final class Demo {
  private static final Logger LOG = Logger.getLogger(Demo.class.getName());

  private final List<DemoScenario> scenarios;
  private final PrintStream out;
  private final Opener opener;
  private final DemoWatcher watcher;

  /** Opens a scenario's branch under its directory. */
  @FunctionalInterface
  interface Opener {
    Branch open(DemoScenario scenario, Path dir) throws Exception;
  }

  /** Each scenario on a branch of its kind, its simulated devices named after it. */
  static final Opener FRESH_BRANCH =
      (scenario, dir) ->
          Branch.open(
              dir,
              new DemoClock(Clock.systemUTC()),
              scenario.name(),
              Branch.PRESENT_TIMEOUT,
              scenario.kind());

  Demo(List<DemoScenario> scenarios, PrintStream out) {
    this(scenarios, out, FRESH_BRANCH);
  }

  Demo(List<DemoScenario> scenarios, PrintStream out, Opener opener) {
    this(scenarios, out, opener, DemoWatcher.NONE);
  }

  Demo(List<DemoScenario> scenarios, PrintStream out, Opener opener, DemoWatcher watcher) {
    this.scenarios = List.copyOf(scenarios);
    this.out = out;
    this.opener = opener;
    this.watcher = watcher;
  }

  /** Every scenario, in the order the full demo plays them. */
  static List<DemoScenario> scenarios() {
    return Stream.of(
            TransferScenarios.all(),
            CashScenarios.all(),
            CardScenarios.all(),
            EMoneyScenarios.all(),
            KindScenarios.all(),
            ReservationScenarios.all(),
            TrainScenarios.all(),
            DirectScenarios.all(),
            GateScenarios.all(),
            CardValueScenarios.all(),
            HomePcScenarios.all(),
            HomePcFlowScenarios.all(),
            HomePcCardValueScenarios.all(),
            KioskScenarios.all(),
            UserScenarios.all(),
            RegisteredKioskScenarios.all())
        .flatMap(List::stream)
        .toList();
  }

  static Optional<DemoScenario> find(String name) {
    return scenarios().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** Plays the scenarios under {@code dir} (one subdirectory each); returns the exit code. */
  int run(Path dir) {
    List<String> failed = new ArrayList<>();
    for (DemoScenario scenario : scenarios) {
      out.println();
      out.println("=== " + scenario.name() + ": " + scenario.title());
      List<String> failures = play(scenario, dir.resolve(scenario.name()));
      if (failures.isEmpty()) {
        out.println("--- " + scenario.name() + ": PASSED");
      } else {
        out.println("--- " + scenario.name() + ": FAILED");
        failures.forEach(f -> out.println("  - " + f));
        failed.add(scenario.name());
      }
    }
    out.println();
    if (!failed.isEmpty()) {
      out.println("Failed: " + String.join(", ", failed));
    }
    out.println((scenarios.size() - failed.size()) + " passed, " + failed.size() + " failed");
    return failed.isEmpty() ? 0 : 1;
  }

  private List<String> play(DemoScenario scenario, Path dir) {
    try (Branch branch = opener.open(scenario, dir)) {
      out.printf(
          "  branch %s: bank tcp://127.0.0.1:%d, center %s, devices %s%n",
          branch.dir(),
          branch.bank().port(),
          branch.center().baseUri(),
          branch.dir().resolve("jpos.xml"));
      branch.selfTest().stream()
          .filter(r -> !r.ok())
          .forEach(r -> out.println("  self test: " + r.line()));
      DemoRun run = new DemoRun(branch, out, watcher);
      watcher.started(scenario.name(), scenario.title(), branch);
      try {
        scenario.play(run);
      } catch (Exception | AssertionError e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        LOG.log(Level.WARNING, "scenario " + scenario.name() + " failed", e);
        run.check(false, scenario.name() + " could not run: " + e.getMessage());
      }
      watcher.finished(scenario.name(), run.failures());
      return run.failures();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "branch for scenario " + scenario.name() + " failed", e);
      return List.of("the branch did not open or close: " + e.getMessage());
    }
  }
}
