package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.Seat;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.recovery.PurchaseRecovery;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.CashLedger;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.sim.cash.SimulatedCashDevices;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal loses power during a cash payment and starts again on the same files: the cash
 * unit's counts file, the journal, the bank link's state, the bank's ledger. Whatever the moment,
 * the customer's cash is repaid or credited, never both, and what only staff can hand back is
 * reported with its amount.
 */
class CashRecoveryIntegrationTest {
  private static final Branch.Customer HANAKO = Branch.CUSTOMERS.get(0);
  private static final EventId CONCERT = new EventId("evt-2026-12-24-dome");
  private static final long PRICE = 8_800;

  /** Stands for the power failing: nothing after it runs, the journal stays open. */
  private static final class PowerLoss extends Error {
    private static final long serialVersionUID = 1L;
  }

  @TempDir Path dir;

  private static Seat.Status status(Branch branch, String seat) throws Exception {
    return branch.plugin().center().seats(CONCERT).stream()
        .filter(s -> s.seatId().value().equals(seat))
        .findFirst()
        .orElseThrow()
        .status();
  }

  /** Buys {@code seat} with a 10,000 yen note; the power fails when {@code screen} comes up. */
  private static void payThenLosePowerAt(Branch branch, String seat, String screen) {
    ScriptedCustomer customer =
        new ScriptedCustomer()
            .on("select-event", CONCERT.value())
            .on("select-seat", seat)
            .on("choose-payment", "cash")
            .on(
                "insert-cash",
                s -> {
                  branch.cashSlot().insert(Denomination.NOTE_10000, 1);
                  return Answer.chose("done");
                })
            .on(
                screen,
                s -> {
                  throw new PowerLoss();
                });
    branch.insertCard(HANAKO);
    assertThrows(
        PowerLoss.class, () -> branch.plugin().run(TicketingPlugin.RESERVE_PAY_ISSUE, customer));
  }

  private static JournalEntry recovered(Branch branch) {
    List<JournalEntry> recovered =
        branch.plugin().journal().sessionsEndingIn(PurchaseRecovery.RECOVERED);
    assertEquals(1, recovered.size());
    return recovered.get(0);
  }

  @Test
  void cashInEscrowAtAPowerLossIsRepaidAtTheNextStartAndNothingIsCredited() throws Exception {
    CashCounts stock;
    long issuer;
    try (Branch branch = Branch.open(dir, Clock.systemUTC())) {
      stock = CashLedger.read(branch.cashCountsFile()).stock();
      issuer = branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT);
      branch.cashSlot().takeReturned();
      payThenLosePowerAt(branch, "A-2-1", "cash-counted");
      // The whole terminal goes dark: the unit keeps the escrow on disk, as a power cut leaves it.
      SimulatedCashDevices.power(branch.cashCountsFile()).powerOff();
    }
    Path counts = dir.toAbsolutePath().resolve("cash").resolve("counts.txt");
    assertEquals(
        CashCounts.of(Denomination.NOTE_10000, 1),
        CashLedger.read(counts).depositEscrow(),
        "in escrow at the crash");
    SimulatedCashDevices.power(counts).powerOn();

    try (Branch restarted = Branch.open(dir, Clock.systemUTC())) {
      assertEquals(
          CashCounts.of(Denomination.NOTE_10000, 1),
          restarted.cashSlot().takeReturned(),
          "repaid by the unit itself");
      CashLedger.Snapshot after = CashLedger.read(restarted.cashCountsFile());
      assertEquals(CashCounts.empty(), after.depositEscrow());
      assertEquals(stock, after.stock(), "nothing kept");
      assertEquals(issuer, restarted.bank().ledger().balance(Branch.ISSUER_ACCOUNT));
      assertEquals(Seat.Status.AVAILABLE, status(restarted, "A-2-1"), "hold released");
      assertTrue(restarted.plugin().journal().openSessions().isEmpty());
    }
  }

  @Test
  void cashKeptJustBeforeAPowerLossIssuesTheTicketAndPaysTheChangeAtTheNextStart()
      throws Exception {
    CashCounts stock;
    long issuer;
    try (Branch branch = Branch.open(dir, Clock.systemUTC())) {
      stock = CashLedger.read(branch.cashCountsFile()).stock();
      issuer = branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT);
      branch.cashSlot().takeDispensed();
      // Credited and kept; the power fails as the change is about to come out. The journal heard
      // of the approval before the unit kept the cash, and of the keeping before the change.
      payThenLosePowerAt(branch, "A-2-2", "take-change");
      assertEquals(issuer + PRICE, branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT));
      assertEquals(CashCounts.empty(), branch.cashSlot().takeDispensed(), "no change yet");
    }

    try (Branch restarted = Branch.open(dir, Clock.systemUTC())) {
      JournalEntry entry = recovered(restarted);
      assertEquals(PurchaseRecovery.Action.TICKET_ISSUED.name(), entry.facts().get("recovery"));
      assertEquals(
          issuer + PRICE,
          restarted.bank().ledger().balance(Branch.ISSUER_ACCOUNT),
          "the credit followed the cash: credited once");
      assertEquals(
          1_200,
          restarted.cashSlot().takeDispensed().total(),
          "none of the change can have reached the customer: paid in full at the start");
      CashLedger.Snapshot after = CashLedger.read(restarted.cashCountsFile());
      assertEquals(PRICE, after.stock().total() - stock.total(), "the unit holds the price");
      assertEquals(CashCounts.empty(), restarted.cashSlot().takeReturned(), "not repaid");
      assertEquals(Seat.Status.SOLD, status(restarted, "A-2-2"));
    }
  }

  @Test
  void creditJournaledBeforeAPowerLossIssuesTheTicketAtTheNextStart() throws Exception {
    CashCounts stock;
    long issuer;
    try (Branch branch = Branch.open(dir, Clock.systemUTC())) {
      stock = CashLedger.read(branch.cashCountsFile()).stock();
      issuer = branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT);
      branch.cashSlot().takeDispensed();
      payThenLosePowerAt(branch, "A-2-3", "issuing");
      assertEquals(1_200, branch.cashSlot().takeDispensed().total(), "change paid");
    }

    try (Branch restarted = Branch.open(dir, Clock.systemUTC())) {
      JournalEntry entry = recovered(restarted);
      assertEquals(PurchaseRecovery.Action.TICKET_ISSUED.name(), entry.facts().get("recovery"));
      assertEquals(issuer + PRICE, restarted.bank().ledger().balance(Branch.ISSUER_ACCOUNT));
      CashLedger.Snapshot after = CashLedger.read(restarted.cashCountsFile());
      assertEquals(
          PRICE, after.stock().total() - stock.total(), "the unit holds the price: credited");
      assertEquals(CashCounts.empty(), restarted.cashSlot().takeReturned(), "not repaid");
      assertEquals(Seat.Status.SOLD, status(restarted, "A-2-3"));
      assertFalse(
          restarted.plugin().bank().reverseApproved(entry.facts().get("payment")),
          "settled by the ticket: nothing kept to reverse");
    }
  }
}
