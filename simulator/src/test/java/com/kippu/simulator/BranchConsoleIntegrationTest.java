package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.sim.SimulatedDevices;
import com.kippu.devices.sim.SimulatedHardware;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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

  /** Hanako's card, the first event, the first seat, pay by account transfer. */
  private static final String BUY = "1\n1\n1\n1\n";

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
    }
    for (String name : SimulatedDevices.LOGICAL_NAMES) {
      SimulatedHardware.unit(SimulatedDevices.unitName(terminal, name)).powerOn();
    }
  }

  private String run(String input) throws Exception {
    if (branch == null) {
      branch = Branch.open(dir, Clock.systemUTC(), terminal, Duration.ofMillis(200));
    }
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
    String text = run("o\n1\nq\n" + BUY + "1\n\nq\n");

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
    String text = run("o\n5\nq\n" + BUY + "q\n");

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
    String text = run("o\n16\n1\n22\nq\n1\no\n16\n2\n22\nq\nq\n");

    assertTrue(text.contains("ReceiptPrinter  power OFF"), text);
    assertTrue(text.contains("JPOS_E_NOHARDWARE"), text);
    assertTrue(text.contains("Sorry, the ticket service is out of order"), text);
    assertTrue(text.contains("Ticket service: in service"), text);
    assertTrue(branch.ticketsAvailable());
  }

  @Test
  void cardNotTakenAtEjectIsCapturedAndCounted() throws Exception {
    String text = run("o\n2\nq\n" + BUY + "o\nq\nq\n");

    assertTrue(text.contains("was not taken and has been retained in the capture bin"), text);
    assertTrue(text.contains("present timeouts 1, captured 1"), text);
  }

  @Test
  void cashJamFromTheOperatorMenuEndsInJamAndIsCleared() throws Exception {
    String text = run("o\n11\n13\nq\no\n14\n13\nq\nq\n");

    assertTrue(text.contains("Dispense failed: JPOS_E_FAILURE"), text);
    assertTrue(text.contains("status JAM"), text);
    assertTrue(text.contains("Cash unit clear: "), text);
    assertTrue(text.contains("Dispensed and taken: 1000x2"), text);
  }

  @Test
  void cashUnitPoweredOffFromTheOperatorMenuPaysNothingUntilPowerIsBack() throws Exception {
    // Operator: cash unit power off, test dispense, power on, test dispense again.
    String text = run("o\n21\n1\n13\n21\n2\n13\nq\nq\n");

    assertTrue(text.contains("CashChanger power OFF"), text);
    int refused = text.indexOf("Dispense failed: JPOS_E_OFFLINE");
    assertTrue(refused >= 0, text);
    int paid = text.indexOf("Dispensed and taken: 1000x2");
    assertTrue(paid > refused, text);
    assertEquals(paid, text.lastIndexOf("Dispensed and taken: "), text);
  }
}
