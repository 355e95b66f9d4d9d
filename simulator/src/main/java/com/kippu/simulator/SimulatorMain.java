package com.kippu.simulator;

import com.kippu.atm.spi.TerminalProfile;
import com.kippu.simulator.ops.OpsCommands;
import com.kippu.simulator.web.DemoWatchServer;
import com.kippu.simulator.web.WebCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The branch device simulator's command line: the branch in the browser (no arguments), the
 * interactive console branch, or the scripted demo.
 */
@Command(
    name = "kippu-simulator",
    mixinStandardHelpOptions = true,
    description =
        "Runs a bank branch on one PC: bank host, issuer center, devices and the ticket plugin.",
    subcommands = {
      WebCommand.class,
      SimulatorMain.Run.class,
      SimulatorMain.DemoCommand.class,
      BenchTerminalCommand.class,
      OpsCommands.JournalCommand.class,
      OpsCommands.StaffCommand.class,
      OpsCommands.ReconcileCommand.class,
      OpsCommands.SettleCommand.class,
      OpsCommands.CashClosingCommand.class,
      OpsCommands.MetricsCommand.class
    })
public final class SimulatorMain implements Callable<Integer> {
  private static final Logger LOG = Logger.getLogger(SimulatorMain.class.getName());

  @CommandLine.Mixin WebCommand.Options web = new WebCommand.Options();

  public static void main(String[] args) {
    System.exit(commandLine(System.err).execute(args));
  }

  /**
   * The command line with start-up failures reported as one line on {@code err} (exit code 1); the
   * stack trace goes into the branch log.
   */
  static CommandLine commandLine(PrintStream err) {
    CommandLine cli = new CommandLine(new SimulatorMain());
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          Path log = BranchLog.active();
          if (log != null) {
            LOG.log(Level.SEVERE, "kippu-simulator failed", e);
          }
          err.println(
              "kippu-simulator: " + oneLine(e) + (log == null ? "" : " (details in " + log + ")"));
          return 1;
        });
    return cli;
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.replace('\n', ' ');
  }

  @Override
  public Integer call() throws Exception {
    return new WebCommand(web).call();
  }

  /**
   * Plays demo scenario {@code name} on a fresh branch under {@code dir} as {@code demo --web}
   * does, printing to {@code out} and shown to {@code watcher}; the demo's exit code.
   *
   * @throws IllegalArgumentException when there is no such scenario
   */
  public static int playDemo(String name, Path dir, PrintStream out, DemoWatcher watcher)
      throws Exception {
    DemoScenario scenario =
        Demo.find(name)
            .orElseThrow(() -> new IllegalArgumentException("no demo scenario '" + name + "'"));
    return new Demo(List.of(scenario), out, Demo.FRESH_BRANCH, watcher).run(dir);
  }

  /** The interactive branch: a customer at the console inserts a card and uses the ticket menu. */
  @Command(
      name = "run",
      description = "The branch on the console: you are the customer at the ATM, typing.")
  static final class Run implements Callable<Integer> {
    static final Path DEFAULT_DIR = Path.of("run", "branch");

    @Option(names = "--dir", description = "Branch state directory (default: ${DEFAULT-VALUE}).")
    Path dir = DEFAULT_DIR;

    @Option(
        names = "--terminal-kind",
        description =
            "BANK_ATM, IN_COMPANY_CD, KIOSK or HOME_PC: the devices, routes and payment methods"
                + " of that kind (default: ${DEFAULT-VALUE}).")
    TerminalProfile.Kind kind = TerminalProfile.Kind.BANK_ATM;

    @Override
    public Integer call() throws Exception {
      Path log = BranchLog.configure(dir);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      try (Branch branch =
          Branch.open(dir, Clock.systemUTC(), Branch.TERMINAL_ID, Branch.PRESENT_TIMEOUT, kind)) {
        System.out.println("Log: " + log);
        return new BranchConsole(branch, in, System.out).run();
      }
    }
  }

  /** The scripted customer journeys; exits non-zero when any check of any scenario fails. */
  @Command(
      name = "demo",
      description =
          "Plays the named customer journeys (every flow and payment method) on fresh branches"
              + " and checks every outcome; ends with 'N passed, M failed'.")
  static final class DemoCommand implements Callable<Integer> {
    @Option(
        names = "--dir",
        description =
            "Fresh state directory for the demo (default: ${DEFAULT-VALUE}); emptied first.")
    Path dir = Path.of("run", "demo");

    @Option(names = "--list", description = "Prints the scenario names, one per line.")
    boolean list;

    @Option(names = "--scenario", paramLabel = "NAME", description = "Plays one scenario.")
    String scenario;

    @Option(
        names = "--web",
        description = "Also shows every step in the browser (the address is printed).")
    boolean web;

    @Option(
        names = "--port",
        description = "With --web: port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port = 8080;

    @Option(
        names = "--step-ms",
        description = "With --web: how long each screen stays up (default: ${DEFAULT-VALUE}).")
    long stepMs = 1500;

    @Override
    public Integer call() throws Exception {
      if (list) {
        Demo.scenarios().forEach(s -> System.out.println(s.name()));
        return 0;
      }
      List<DemoScenario> chosen = Demo.scenarios();
      if (scenario != null) {
        Optional<DemoScenario> one = Demo.find(scenario);
        if (one.isEmpty()) {
          System.err.println("no scenario '" + scenario + "'; 'demo --list' prints the names");
          return 2;
        }
        chosen = List.of(one.get());
      }
      deleteTree(dir);
      Path log = BranchLog.configure(dir);
      System.out.println("Log: " + log);
      if (!web) {
        return new Demo(chosen, System.out).run(dir);
      }
      try (DemoWatchServer page =
          DemoWatchServer.start(
              chosen.stream().map(DemoScenario::name).toList(), Duration.ofMillis(stepMs), port)) {
        System.out.println("Watch the demo: open " + page.uri());
        int result =
            new Demo(chosen, page.narration(System.out), Demo.FRESH_BRANCH, page.watcher())
                .run(dir);
        System.out.println("The demo page stays at " + page.uri() + "; press Enter to stop.");
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return result;
      }
    }

    private static void deleteTree(Path root) throws IOException {
      if (!Files.exists(root)) {
        return;
      }
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
