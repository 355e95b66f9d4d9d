package com.kippu.atm.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.payment.CashDesk.Cash;
import com.kippu.atm.payment.CashDesk.CashDeskException;
import com.kippu.atm.payment.CashDesk.CashDeskException.Fault;
import com.kippu.atm.payment.CashDesk.CashDeskException.Mishap;
import com.kippu.atm.payment.Money;
import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.CashLedger;
import com.kippu.devices.cash.CashUnit;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.jpos.JposRegistry;
import com.kippu.devices.sim.SimulatedDevices;
import com.kippu.devices.sim.cash.SimulatedCashDevices;
import com.kippu.devices.sim.cash.SimulatedCashUnits;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cash desk over the simulated JavaPOS CashChanger and its counts file: the deposit state
 * machine, and each fault mapped to where the customer's cash is, checked against the file.
 */
class JavaPosCashDeskIntegrationTest {
  @TempDir Path dir;

  private Path counts;
  private SimulatedCashUnits.Unit slot;
  private JavaPosCashDesk desk;

  @BeforeEach
  void open() throws Exception {
    String units = "CASHDESK-" + UUID.randomUUID();
    counts = dir.resolve("cash").resolve("counts.txt");
    JposRegistry registry = SimulatedDevices.registry(dir.resolve("out"), counts, units);
    desk = new JavaPosCashDesk(CashUnit.open(registry, SimulatedDevices.CASH_CHANGER));
    slot = SimulatedCashUnits.unit(SimulatedDevices.unitName(units, SimulatedDevices.CASH_CHANGER));
  }

  @AfterEach
  void close() throws Exception {
    SimulatedCashDevices.power(counts).powerOn();
    desk.close();
  }

  private CashLedger.Snapshot ledger() throws Exception {
    return CashLedger.read(counts);
  }

  @Test
  void depositIsCountedKeptAndTheChangePaidOut() throws Exception {
    CashCounts stock = ledger().stock();
    desk.openSlot();
    slot.insert(Denomination.NOTE_5000, 1);
    slot.insert(Denomination.NOTE_1000, 2);

    assertEquals(Cash.of(Map.of(5_000, 1, 1_000, 2)), desk.closeSlot());
    desk.reopenSlot();
    slot.insert(Denomination.NOTE_5000, 1);
    Cash deposit = desk.fix();
    assertEquals(Money.yen(12_000), deposit.amount());
    assertTrue(desk.canPay(Money.yen(3_200)));
    desk.keep(Money.yen(3_200));
    desk.pay(Money.yen(3_200));

    assertEquals(3_200, slot.takeDispensed().total());
    assertEquals(stock.total() + 8_800, ledger().stock().total());
    assertEquals(Money.yen(stock.total() + 8_800), desk.stock());
  }

  @Test
  void repayHandsBackExactlyThePiecesInserted() throws Exception {
    desk.openSlot();
    slot.insert(Denomination.NOTE_5000, 1);
    slot.insert(Denomination.COIN_100, 3);

    Cash back = desk.repay();

    assertEquals(Money.yen(5_300), back.amount());
    assertEquals(
        CashCounts.of(Denomination.NOTE_5000, 1).plus(CashCounts.of(Denomination.COIN_100, 3)),
        slot.takeReturned());
    assertEquals(CashCounts.empty(), ledger().depositEscrow());
    assertEquals(Cash.none(), desk.repay(), "nothing open: nothing to repay");
  }

  @Test
  void jamDuringAnInsertionRetainsTheDepositInTheBin() throws Exception {
    desk.openSlot();
    slot.jamNextInsertion();
    slot.insert(Denomination.NOTE_10000, 1);

    CashDeskException e = assertThrows(CashDeskException.class, desk::closeSlot);

    assertEquals(Fault.RETAINED, e.fault());
    assertEquals(Mishap.JAM, e.mishap(), "counted at the cash closing");
    assertEquals(Money.yen(10_000), e.amount());
    assertEquals(CashCounts.of(Denomination.NOTE_10000, 1), ledger().retracted());
    assertEquals(
        Fault.OUT_OF_SERVICE, assertThrows(CashDeskException.class, desk::openSlot).fault());
  }

  @Test
  void jamWhileRepayingRetainsTheDeposit() throws Exception {
    desk.openSlot();
    slot.insert(Denomination.NOTE_10000, 1);
    slot.jamNextRepay();

    CashDeskException e = assertThrows(CashDeskException.class, desk::repay);

    assertEquals(Fault.RETAINED, e.fault());
    assertEquals(Mishap.JAM, e.mishap());
    assertEquals(Money.yen(10_000), e.amount());
    assertEquals(CashCounts.empty(), slot.takeReturned());
    assertEquals(CashCounts.of(Denomination.NOTE_10000, 1), ledger().retracted());
  }

  @Test
  void controllerFailureWhileRepayingLeavesTheCashToACount() throws Exception {
    desk.openSlot();
    slot.insert(Denomination.NOTE_10000, 1);
    slot.crashDuringNextRepay();

    CashDeskException e = assertThrows(CashDeskException.class, desk::repay);

    assertEquals(Fault.FATE_UNKNOWN, e.fault());
    assertEquals(Mishap.NONE, e.mishap(), "no jam: a controller failure");
    assertTrue(ledger().discrepancy(), "the unit asks for a count");
  }

  @Test
  void powerLostDuringTheDepositKeepsItInEscrow() throws Exception {
    desk.openSlot();
    slot.insert(Denomination.NOTE_10000, 1);
    SimulatedCashDevices.power(counts).powerOff();

    CashDeskException e = assertThrows(CashDeskException.class, desk::closeSlot);

    assertEquals(Fault.HELD_IN_ESCROW, e.fault());
    assertEquals(Money.yen(10_000), e.amount());
    assertEquals(CashCounts.of(Denomination.NOTE_10000, 1), ledger().depositEscrow());
  }

  @Test
  void jammedChangeIsNotPaidOutAndStaysInTheUnit() throws Exception {
    slot.jamNextDispense(1);

    CashDeskException e = assertThrows(CashDeskException.class, () -> desk.pay(Money.yen(1_200)));

    assertEquals(Fault.NOT_PAID_OUT, e.fault());
    assertEquals(Mishap.JAM, e.mishap());
    assertEquals(Money.yen(1_200), e.amount());
    assertFalse(ledger().dispenseEscrow().isEmpty(), "the pieces picked are in the unit");
  }

  @Test
  void changeNotTakenIsRetractedIntoTheBin() throws Exception {
    slot.leaveNextDispense();

    CashDeskException e = assertThrows(CashDeskException.class, () -> desk.pay(Money.yen(1_200)));

    assertEquals(Fault.NOT_PAID_OUT, e.fault());
    assertEquals(Mishap.RETRACT, e.mishap());
    assertEquals(1_200, ledger().retracted().total(), "the change is in the retract bin");
  }
}
