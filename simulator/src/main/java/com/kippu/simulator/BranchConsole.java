package com.kippu.simulator;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.ops.OperationsLog;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.MenuEntry;
import com.kippu.atm.spi.Messages;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.devices.sim.SimulatedCardSlots;
import com.kippu.devices.sim.SimulatedDevices;
import com.kippu.devices.sim.SimulatedMagstripes;
import com.kippu.simulator.ops.BranchOperations;
import com.kippu.simulator.web.ServiceMenu;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import jpos.JposException;

/**
 * The interactive branch on a console: the customer picks a card to insert and uses the ticket
 * menu; {@code o} opens the operator (supervisor) mode. Reads only from the given streams, so a
 * test can play a customer and an operator through piped input. A session that fails unexpectedly
 * is logged and reported to the customer as out of order; the ticket service stays out of service
 * until the operator's self test restarts it, with its recovery, while the branch serves on.
 */
final class BranchConsole {
  private static final Logger LOG = Logger.getLogger(BranchConsole.class.getName());

  private final Branch branch;
  private final BufferedReader in;
  private final PrintStream out;

  BranchConsole(Branch branch, BufferedReader in, PrintStream out) {
    this.branch = branch;
    this.in = in;
    this.out = out;
  }

  /** Runs until the customer leaves ({@code q}) or the input ends; returns the exit code. */
  int run() throws IOException {
    out.printf(
        "Kippu branch simulator - state in %s (bank host port %d, center %s)%n",
        branch.dir(), branch.bank().port(), branch.center().baseUri());
    printSelfTest(branch.selfTest());
    ConsoleCustomer console = new ConsoleCustomer(in, out);
    while (true) {
      out.println();
      out.println("=== Insert your IC card ===");
      if (!branch.ticketsAvailable()) {
        out.println("  (ticket service out of order: " + branch.ticketsDown() + ")");
      }
      for (int i = 0; i < Branch.CUSTOMERS.size(); i++) {
        Branch.Customer c = Branch.CUSTOMERS.get(i);
        out.printf(
            "  [%d] %s's card %s (account %s, balance JPY %,d)%n",
            i + 1,
            c.name(),
            c.cardId(),
            c.account().masked(),
            branch.bank().ledger().balance(c.account()));
      }
      boolean sellsCards = sellsCards();
      if (sellsCards) {
        out.println("  [k] buy a card at the kiosk, as " + Branch.CUSTOMERS.get(0).name());
      }
      out.println("  [o] operator");
      out.println("  [q] leave the branch");
      out.print("> ");
      out.flush();
      String line = in.readLine();
      if (line == null) {
        out.println();
        out.println("Input closed; the branch shuts down.");
        return 0;
      }
      String choice = line.trim();
      if (choice.equalsIgnoreCase("q")) {
        return 0;
      }
      if (sellsCards && choice.equalsIgnoreCase("k")) {
        buyCard(Branch.CUSTOMERS.get(0), console);
        continue;
      }
      if (choice.equalsIgnoreCase("o")) {
        if (!new Operator(branch, in, out).run()) {
          out.println();
          out.println("Input closed; the branch shuts down.");
          return 0;
        }
        continue;
      }
      int n;
      try {
        n = Integer.parseInt(choice);
      } catch (NumberFormatException e) {
        out.println("  Please type a card number, o or q.");
        continue;
      }
      if (n < 1 || n > Branch.CUSTOMERS.size()) {
        out.println("  Please type a card number, o or q.");
        continue;
      }
      serve(Branch.CUSTOMERS.get(n - 1), console);
    }
  }

  private boolean sellsCards() {
    return branch.ticketsAvailable()
        && branch.plugin().menu().stream()
            .anyMatch(e -> e.id().equals(TicketingPlugin.KIOSK_PURCHASE));
  }

  /**
   * A kiosk purchase (F7) with no card inserted: the card comes from the stocker, or the customer's
   * own goes in when the kiosk asks for it; the customer takes the card when presented.
   */
  private void buyCard(Branch.Customer customer, ConsoleCustomer console) {
    promptForPinOnThePad();
    promptForSwipe(customer);
    branch.slot().whenPresented(SimulatedCardSlots.Slot::remove);
    CustomerTerminal atKiosk =
        new CustomerTerminal() {
          @Override
          public Answer show(Screen screen) {
            return console.show(screen);
          }

          @Override
          public void inform(Screen screen) {
            console.inform(screen);
            if (screen.id().equals("insert-card")) {
              out.println("  [card] " + customer.cardId() + " inserted");
              branch.insertCard(customer);
            }
          }
        };
    try {
      SessionOutcome outcome = branch.plugin().run(TicketingPlugin.KIOSK_PURCHASE, atKiosk);
      out.println(
          "Session "
              + outcome.sessionId()
              + ": "
              + outcome.result()
              + outcome.ticketNumber().map(t -> ", " + t).orElse("")
              + (outcome.detail().isEmpty() ? "" : " (" + outcome.detail() + ")"));
    } finally {
      branch.slot().whenPresented(null);
      branch.removeCard();
    }
  }

  void printSelfTest(List<DeviceCheck.Report> reports) {
    long failed = reports.stream().filter(r -> !r.ok()).count();
    out.println(
        "Device self test ("
            + branch.dir().resolve("jpos.xml")
            + "): "
            + (failed == 0 ? "all " + reports.size() + " devices OK" : failed + " failed"));
    reports.forEach(r -> out.println(r.line()));
    reports.stream()
        .filter(r -> !r.ok())
        .forEach(
            r ->
                BranchOperations.record(
                    branch.dir(),
                    branch.clock(),
                    OperationsLog.Kind.DEVICE,
                    r.logicalName(),
                    "self test: " + r.result()));
  }

  private void serve(Branch.Customer customer, ConsoleCustomer console) throws IOException {
    if (!branch.ticketsAvailable()) {
      out.println("Sorry, the ticket service is out of order: " + branch.ticketsDown());
      return;
    }
    Set<Path> receiptsBefore = receipts();
    branch.insertCard(customer);
    promptForPinOnThePad();
    promptForSwipe(customer);
    try {
      // The ATM's service menu, as on the page: every service of the terminal, numbered.
      List<MenuEntry> menu = ServiceMenu.entries(branch.plugin());
      Screen screen =
          Messages.of(branch.plugin().config().language()).render(ServiceMenu.screen(menu));
      Optional<String> chosen = ServiceMenu.chosen(console.show(screen), menu);
      if (chosen.isEmpty()) {
        out.println("No service chosen.");
        return;
      }
      MenuEntry entry = menu.stream().filter(e -> e.id().equals(chosen.get())).findFirst().get();
      out.println("Menu: " + entry.label());
      SessionOutcome outcome = branch.plugin().run(entry.id(), console);
      out.println(
          "Session "
              + outcome.sessionId()
              + ": "
              + outcome.result()
              + outcome.ticketNumber().map(t -> ", ticket " + t).orElse("")
              + (outcome.detail().isEmpty() ? "" : " (" + outcome.detail() + ")"));
      reportTicketAndReceipt(outcome);
      Set<Path> printed = receipts();
      printed.removeAll(receiptsBefore);
      printed.stream()
          .filter(p -> p.toString().endsWith(".txt"))
          .sorted()
          .forEach(p -> out.println("Receipt: " + p));
    } catch (RuntimeException e) {
      // A broken session must not close the branch: log it, tell the customer, return the card.
      LOG.log(Level.SEVERE, "session of card " + customer.cardId() + " failed", e);
      out.println("Sorry, this terminal is out of order: " + oneLine(e));
      branch.takeTicketsOutOfService(
          "a session failed (" + oneLine(e) + "); operator: run the self test to recover");
      BranchOperations.record(
          branch.dir(),
          branch.clock(),
          OperationsLog.Kind.DEVICE,
          "ticket service",
          "out of order: " + oneLine(e));
    } finally {
      returnCard(customer);
    }
  }

  /**
   * Whenever the PIN pad asks for a PIN during this session, the customer types it on the console
   * and it goes to the simulated pad key by key (an empty line cancels). The session's thread waits
   * on the pad meanwhile, so the console is read by one thread at a time.
   */
  private void promptForPinOnThePad() {
    branch
        .pinPad()
        .whenPinEntryEnabled(
            keypad -> {
              out.println();
              out.println("=== PIN pad: type your PIN, then Enter (empty line cancels) ===");
              out.print("PIN> ");
              out.flush();
              String typed;
              try {
                typed = in.readLine();
              } catch (IOException e) {
                typed = null;
              }
              if (typed == null || typed.isBlank() || !typed.trim().matches("\\d{1,12}")) {
                keypad.cancel();
              } else {
                keypad.type(typed.trim()).enter();
              }
              // Registered again once this entry ended, for another try in the same session.
              promptForPinOnThePad();
            });
  }

  /**
   * Whenever the card reader waits for a swipe during this session, the customer picks one of their
   * payment cards on the console (an empty line swipes nothing and lets the reader time out).
   */
  private void promptForSwipe(Branch.Customer customer) {
    SimulatedMagstripes.reader(branch.unitName(SimulatedDevices.MSR))
        .whenReading(
            reader -> {
              List<BranchCards.Swipeable> cards = BranchCards.swipeableBy(customer);
              out.println();
              out.println("=== Card reader: swipe which card? (empty line: none) ===");
              for (int i = 0; i < cards.size(); i++) {
                out.printf("  [%d] %s%n", i + 1, cards.get(i).label());
              }
              out.print("card> ");
              out.flush();
              String picked;
              try {
                picked = in.readLine();
              } catch (IOException e) {
                picked = null;
              }
              if (picked != null && picked.trim().matches("\\d+")) {
                int n = Integer.parseInt(picked.trim());
                if (n >= 1 && n <= cards.size()) {
                  reader.swipe(cards.get(n - 1).stripe());
                }
              }
              promptForSwipe(customer);
            });
  }

  /**
   * What the journal knows that the customer's screens may not say: ticket not on card, no receipt.
   */
  private void reportTicketAndReceipt(SessionOutcome outcome) {
    List<JournalEntry> entries =
        branch.plugin().journal().entries(new SessionId(outcome.sessionId()));
    if (entries.isEmpty()) {
      return;
    }
    var facts = entries.get(entries.size() - 1).facts();
    if (facts.containsKey("ticket") && !Boolean.parseBoolean(facts.get("ticketOnCard"))) {
      out.println(
          "Ticket "
              + facts.get("ticket")
              + " is paid and issued but not on the card: it is written the next time the card"
              + " is inserted.");
    }
    if (facts.containsKey("receiptProblem")) {
      out.println("No receipt printed: " + facts.get("receiptProblem"));
    }
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.replace('\n', ' ');
  }

  private void returnCard(Branch.Customer customer) {
    try {
      switch (branch.returnCard()) {
        case TAKEN -> out.println("Card " + customer.cardId() + " returned.");
        case CAPTURED ->
            out.println(
                "Card "
                    + customer.cardId()
                    + " was not taken and has been retained in the capture bin.");
        case ALREADY_OUT -> out.println("Card " + customer.cardId() + " is out of the reader.");
      }
    } catch (JposException e) {
      out.println(
          "Card "
              + customer.cardId()
              + " could not be ejected ("
              + DeviceCheck.describe(e)
              + "); staff hand it back.");
    } finally {
      branch.removeCard();
    }
  }

  private Set<Path> receipts() throws IOException {
    if (!Files.isDirectory(branch.receipts())) {
      return new HashSet<>();
    }
    try (Stream<Path> files = Files.list(branch.receipts())) {
      return new HashSet<>(files.toList());
    }
  }
}
