package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.journal.JournalException;
import com.kippu.atm.spi.MenuEntry;
import com.kippu.devices.sim.SimulatedDevices;
import com.kippu.devices.sim.SimulatedHardware;
import com.kippu.devices.sim.cash.SimulatedCashDevices;
import com.kippu.simulator.web.ServiceMenu;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive branch driven through piped input: an operator throws a fault switch, then a
 * customer buys a ticket, and the console's report is checked. Each test has its own terminal id,
 * so its simulated devices are its own.
 */
class BranchConsoleIntegrationTest {
  private static final AtomicInteger TERMINALS = new AtomicInteger();

  /**
   * Hanako's card, the service menu's first entry (reserve, pay and issue), the first event, the
   * first seat, pay by account transfer, her PIN.
   */
  private static final String BUY =
      "1\n1\n1\n1\n1\n" + Branch.demoPin(Branch.CUSTOMERS.get(0)) + "\n";

  /** Held so the logger and its test handler are not collected during a test. */
  private final Logger consoleLog = Logger.getLogger(BranchConsole.class.getName());

  @TempDir Path dir;
  private String terminal;
  private Branch branch;

  @BeforeEach
  void setUp() throws Exception {
    terminal = String.format("CONSOLE-%d", TERMINALS.incrementAndGet());
  }

  @AfterEach
  void tearDown() {
    if (branch != null) {
      branch.close();
      // The cash unit's power switch belongs to its counts file, not to the terminal.
      SimulatedCashDevices.power(branch.cashCountsFile()).powerOn();
    }
    for (String name : SimulatedDevices.LOGICAL_NAMES) {
      SimulatedHardware.unit(SimulatedDevices.unitName(terminal, name)).powerOn();
    }
  }

  private Path branchDir() {
    return dir.resolve("branch");
  }

  private Branch open() throws Exception {
    if (branch == null) {
      branch = Branch.open(branchDir(), Clock.systemUTC(), terminal, Duration.ofMillis(200));
    }
    return branch;
  }

  private String run(String input) throws Exception {
    open();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      int exit = new BranchConsole(branch, new BufferedReader(new StringReader(input)), out).run();
      assertEquals(0, exit);
    }
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void plainPurchasePrintsOnlyItsOwnReceipt() throws Exception {
    String text = run(BUY + "q\n");
    assertTrue(text.contains(": COMPLETED, ticket "), text);
    assertTrue(text.contains("Receipt: "), text);
    assertTrue(text.contains("Card KC-10001 returned."), text);
    String second = run("1\n\nq\n");
    assertFalse(second.contains("Receipt: "), second);
  }

  @Test
  void theCardOpensTheServiceMenuWithEveryServiceOfTheTerminal() throws Exception {
    List<MenuEntry> menu = ServiceMenu.entries(open().plugin());
    int direct =
        1 + menu.stream().map(MenuEntry::id).toList().indexOf(TicketingPlugin.DIRECT_PURCHASE);
    assertTrue(direct > 1 && menu.size() >= 6, "a bank ATM offers every service: " + menu);

    // Hanako's card, the direct purchase from the menu, then cancel on its first screen.
    String text = run("1\n" + direct + "\n\nq\n");

    assertTrue(
        text.contains("  [" + (menu.size() + 1) + "] "),
        "each service and cancel numbered: " + text);
    assertTrue(text.contains("Menu: " + menu.get(direct - 1).label()), text);
    assertFalse(text.contains("Menu: " + menu.get(0).label()), text);
    assertTrue(text.contains("Card KC-10001 returned."), text);

    String none = run("1\n\nq\n");
    assertTrue(none.contains("No service chosen."), none);
  }

  @Test
  void operatorModeShowsTodaysJournalWithTheSessionTheFaultAndTheOperatorsActions()
      throws Exception {
    String text =
        run(
            BUY
                + "o\npower-ReceiptPrinter\n1\nself-test\njournal\nstaff\n"
                + "power-ReceiptPrinter\n2\nself-test\nq\nq\n");
    int journal = text.indexOf("ELECTRONIC JOURNAL  terminal " + Branch.TERMINAL_ID);
    assertTrue(journal > 0, text);
    String day = text.substring(journal);
    assertTrue(day.contains("COMPLETED"), day);
    assertTrue(day.contains("money: JPY "), day);
    assertTrue(day.contains("OPERATOR power-ReceiptPrinter"), day);
    assertTrue(day.contains("DEVICE   ReceiptPrinter: self test"), day);
    assertTrue(day.contains("STAFF QUEUE  0 open cases"), day);
    assertFalse(day.contains(Branch.CUSTOMERS.get(0).account().value()), "masked");
  }

  @Test
  void operatorModeClosesTheDayCashReconciliationAndSettlement() throws Exception {
    String text = run(BUY + "o\ncash-closing\nreconcile\nsettle\nq\nq\n");
    assertTrue(text.contains(": COMPLETED, ticket "), text);
    for (String key : List.of("cash-closing", "reconcile", "settle")) {
      assertTrue(
          Pattern.compile("\\[\\s*\\d+] " + key + " ").matcher(text).find(), key + ": " + text);
    }
    int cash = text.indexOf("  CASH CLOSING  ");
    int reconciliation = text.indexOf("  RECONCILIATION  terminal " + Branch.TERMINAL_ID, cash);
    int settlement = text.indexOf("  SETTLEMENT  ", reconciliation);
    assertTrue(cash > 0 && reconciliation > cash && settlement > reconciliation, text);
    assertTrue(text.substring(cash, reconciliation).contains("unit reports, per denomination:"));
    assertTrue(
        text.substring(reconciliation, settlement).contains("payments 1: matched 1, explained 0"),
        text);
    Matcher settled =
        Pattern.compile("settled sales JPY ([\\d,]+); reconciled sales JPY ([\\d,]+): equal")
            .matcher(text.substring(settlement));
    assertTrue(settled.find(), text);
    assertEquals(settled.group(1), settled.group(2));
    assertFalse("0".equals(settled.group(1)), "the transfer sale is settled: " + text);
    assertTrue(text.substring(settlement).contains("fee receivable"), text);
  }

  @Test
  void selfTestListsEveryDeviceIncludingTheCashUnit() throws Exception {
    String text = run("q\n");
    assertTrue(text.contains("all 7 devices OK"), text);
    for (String name : SimulatedDevices.LOGICAL_NAMES) {
      assertTrue(text.contains("  " + name + " "), name + " missing in\n" + text);
    }
    assertTrue(text.contains("CashChanger"), text);
  }

  @Test
  void stdinClosedEndsCleanly() throws Exception {
    String text = run("");
    assertTrue(
        text.endsWith(
            "> "
                + System.lineSeparator()
                + "Input closed; the branch shuts down."
                + System.lineSeparator()),
        text);
  }

  @Test
  void cardPulledDuringTheTicketWriteIsReportedAndTheTicketWrittenWhenTheCardComesBack()
      throws Exception {
    String text = run("o\ncard-pull\nq\n" + BUY + "1\n1\n\nq\n");

    assertTrue(text.contains("Armed: the next card write stops after"), text);
    assertTrue(text.contains(": FAILED, ticket "), text);
    assertTrue(text.contains("is paid and issued but not on the card"), text);
    branch.insertCard(Branch.CUSTOMERS.get(0));
    try {
      assertEquals(1, branch.plugin().card().readRecords().size(), text);
    } finally {
      branch.removeCard();
    }
    String status = run("o\nq\nq\n");
    assertTrue(status.contains("torn appends seen KC-10001:1"), status);
  }

  @Test
  void receiptPaperOutTellsTheCustomerAndTheTicketIsStillOnTheCard() throws Exception {
    String text = run("o\nrcpt-out\nq\n" + BUY + "q\n");

    assertTrue(text.contains(": COMPLETED, ticket "), text);
    assertTrue(text.contains("No receipt printed: "), text);
    assertFalse(text.contains("Receipt: "), text);
    branch.insertCard(Branch.CUSTOMERS.get(0));
    try {
      assertEquals(1, branch.plugin().card().readRecords().size(), text);
    } finally {
      branch.removeCard();
    }
    String status = run("o\nq\nq\n");
    assertTrue(status.contains("paper EMPTY (0 lines left)"), status);
  }

  @Test
  void poweredOffPrinterShowsInTheStatusAndTheSelfTestAndStopsTheTicketMenu() throws Exception {
    // Operator: receipt printer power off, self test again, back; customer tries; operator again.
    String text =
        run(
            "o\npower-ReceiptPrinter\n1\nself-test\nq\n"
                + "1\n"
                + "o\npower-ReceiptPrinter\n2\nself-test\nq\nq\n");

    assertTrue(text.contains("ReceiptPrinter  power OFF"), text);
    assertTrue(text.contains("JPOS_E_NOHARDWARE"), text);
    assertTrue(text.contains("Sorry, the ticket service is out of order"), text);
    assertTrue(text.contains("Ticket service: in service"), text);
    assertTrue(branch.ticketsAvailable());
  }

  @Test
  void cardNotTakenAtEjectIsCapturedAndCounted() throws Exception {
    String text = run("o\ncard-leave\nq\n" + BUY + "o\nq\nq\n");

    assertTrue(text.contains("was not taken and has been retained in the capture bin"), text);
    assertTrue(text.contains("present timeouts 1, captured 1"), text);
  }

  @Test
  void cashJamFromTheOperatorMenuEndsInJamAndIsCleared() throws Exception {
    String text = run("o\ncash-jam\ncash-test\nq\no\ncash-clear\ncash-test\nq\nq\n");

    assertTrue(text.contains("Dispense failed: JPOS_E_FAILURE"), text);
    assertTrue(text.contains("status JAM"), text);
    assertTrue(text.contains("Cash unit clear: "), text);
    assertTrue(text.contains("Dispensed and taken: 1000x2"), text);
  }

  @Test
  void cashUnitPoweredOffFromTheOperatorMenuPaysNothingUntilPowerIsBack() throws Exception {
    // Operator: cash unit power off, test dispense, power on, test dispense again.
    String text =
        run("o\npower-CashChanger\n1\ncash-test\npower-CashChanger\n2\ncash-test\nq\nq\n");

    assertTrue(text.contains("CashChanger power OFF"), text);
    int refused = text.indexOf("Dispense failed: JPOS_E_OFFLINE");
    assertTrue(refused >= 0, text);
    int paid = text.indexOf("Dispensed and taken: 1000x2");
    assertTrue(paid > refused, text);
    assertEquals(paid, text.lastIndexOf("Dispensed and taken: "), text);
  }

  @Test
  void anOperatorActionIsChosenByItsNumberAsWellAsByItsKey() throws Exception {
    String menu = run("o\nq\nq\n");
    Matcher m = Pattern.compile("\\[ ?(\\d+)\\] card-leave ").matcher(menu);
    assertTrue(m.find(), menu);

    String text = run("o\n" + m.group(1) + "\nq\nq\n");

    assertTrue(text.contains("Armed: the next ejected card is retracted"), text);
    assertTrue(text.contains("ARMED: card not taken at next eject"), text);
  }

  @Test
  void aSessionThatFailsTakesTheTicketServiceOutUntilTheOperatorRestartsIt() throws Exception {
    List<LogRecord> logged = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            logged.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    consoleLog.addHandler(capture);
    try {
      // A journal that can no longer be written: no session may start a side effect.
      open().plugin().journal().close();

      // Hanako's card and the menu's first service fail; Taro's card finds the service out.
      String text = run("1\n1\n2\no\nself-test\nq\n" + BUY + "q\n");

      // The failed session is reported and takes the ticket service out of service: the journal
      // is found broken when the session looks for earlier ones to settle, before anything moves
      assertEquals(
          1, count(text, "Sorry, this terminal is out of order: cannot list open sessions"), text);
      assertTrue(text.contains("Card KC-10001 returned."), text);
      assertTrue(
          text.contains("Sorry, the ticket service is out of order: a session failed"), text);
      assertEquals(1, logged.size(), logged.toString());
      assertEquals(Level.SEVERE, logged.get(0).getLevel());
      assertInstanceOf(JournalException.class, logged.get(0).getThrown());
      // ... until the operator's self test restarts it on a fresh journal: the next sale works.
      assertTrue(text.contains(": COMPLETED, ticket "), text);
      assertTrue(branch.ticketsAvailable());
      assertTrue(branch.slot().card().isEmpty());
    } finally {
      consoleLog.removeHandler(capture);
    }
  }

  @Test
  void theBranchDirectoryIsOwnerOnly() throws Exception {
    assumeTrue(OwnerOnly.posix(dir));

    open();

    assertEquals(OwnerOnly.DIRECTORY, Files.getPosixFilePermissions(branchDir()));
    assertEquals(
        OwnerOnly.FILE, Files.getPosixFilePermissions(branchDir().resolve("card-access.key")));
  }

  @Test
  void anEmptyKeyFileLeftByACrashIsReplacedByAWholeKey() throws Exception {
    Files.createDirectories(branchDir());
    Files.writeString(branchDir().resolve("card-access.key"), "");

    open();

    assertEquals(64, Files.readString(branchDir().resolve("card-access.key")).trim().length());
    assertTrue(branch.ticketsAvailable(), branch.ticketsDown());
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
