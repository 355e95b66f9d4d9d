package com.kippu.simulator;

import com.kippu.atm.spi.MenuEntry;
import com.kippu.atm.spi.SessionOutcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The branch device simulator's command line: an interactive branch, or the scripted demo. */
@Command(
    name = "kippu-simulator",
    mixinStandardHelpOptions = true,
    description =
        "Runs a bank branch on one PC: bank host, issuer center, devices and the ticket plugin.",
    subcommands = {SimulatorMain.Run.class, SimulatorMain.DemoCommand.class})
public final class SimulatorMain implements Callable<Integer> {
  /**
   * The HTTP server's start-up lines are not the customer's business: warnings only. Held here
   * because the logging framework keeps loggers only weakly.
   */
  private static final Logger JETTY = Logger.getLogger("org.eclipse.jetty");

  public static void main(String[] args) {
    JETTY.setLevel(Level.WARNING);
    System.exit(new CommandLine(new SimulatorMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    return new Run().call();
  }

  /** The interactive branch: a customer at the console inserts a card and uses the ticket menu. */
  @Command(name = "run", description = "Interactive branch: you are the customer at the ATM.")
  static final class Run implements Callable<Integer> {
    @Option(names = "--dir", description = "Branch state directory (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("run", "branch");

    @Override
    public Integer call() throws Exception {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      try (Branch branch = Branch.open(dir, Clock.systemUTC())) {
        System.out.printf(
            "Kippu branch simulator - state in %s (bank host port %d, center %s)%n",
            dir, branch.bank().port(), branch.center().baseUri());
        ConsoleCustomer console = new ConsoleCustomer(in, System.out);
        while (true) {
          System.out.println();
          System.out.println("=== Insert your IC card ===");
          for (int i = 0; i < Branch.CUSTOMERS.size(); i++) {
            Branch.Customer c = Branch.CUSTOMERS.get(i);
            System.out.printf(
                "  [%d] %s's card %s (account %s, balance JPY %,d)%n",
                i + 1,
                c.name(),
                c.cardId(),
                c.account().masked(),
                branch.bank().ledger().balance(c.account()));
          }
          System.out.println("  [q] leave the branch");
          System.out.print("> ");
          System.out.flush();
          String line = in.readLine();
          if (line == null || line.trim().equalsIgnoreCase("q")) {
            return 0;
          }
          int n;
          try {
            n = Integer.parseInt(line.trim());
          } catch (NumberFormatException e) {
            continue;
          }
          if (n < 1 || n > Branch.CUSTOMERS.size()) {
            continue;
          }
          serve(branch, Branch.CUSTOMERS.get(n - 1), console);
        }
      }
    }

    private static void serve(Branch branch, Branch.Customer customer, ConsoleCustomer console)
        throws IOException {
      branch.insertCard(customer);
      try {
        List<MenuEntry> menu = branch.plugin().menu();
        MenuEntry entry = menu.get(0);
        System.out.println("Menu: " + entry.label());
        SessionOutcome outcome = branch.plugin().run(entry.id(), console);
        System.out.println(
            "Session "
                + outcome.sessionId()
                + ": "
                + outcome.result()
                + outcome.ticketNumber().map(t -> ", ticket " + t).orElse(""));
        try (Stream<Path> receipts = Files.list(branch.receipts())) {
          receipts
              .filter(p -> p.toString().endsWith(".txt"))
              .max(Comparator.naturalOrder())
              .ifPresent(p -> System.out.println("Latest receipt: " + p));
        }
      } finally {
        branch.removeCard();
      }
    }
  }

  /** The scripted F5 demo; exits non-zero when any step or check fails. */
  @Command(
      name = "demo",
      description = "Plays the scripted F5 customer journey and checks every outcome.")
  static final class DemoCommand implements Callable<Integer> {
    @Option(
        names = "--dir",
        description =
            "Fresh state directory for the demo (default: ${DEFAULT-VALUE}); emptied first.")
    Path dir = Path.of("run", "demo");

    @Override
    public Integer call() throws Exception {
      deleteTree(dir);
      try (Branch branch = Branch.open(dir, Clock.systemUTC())) {
        return new Demo(branch, System.out).run();
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
