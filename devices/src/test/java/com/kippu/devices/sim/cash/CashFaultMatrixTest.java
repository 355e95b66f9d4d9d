package com.kippu.devices.sim.cash;

import static com.kippu.devices.cash.Denomination.COIN_500;
import static com.kippu.devices.cash.Denomination.NOTE_1000;
import static com.kippu.devices.cash.Denomination.NOTE_10000;
import static com.kippu.devices.cash.Denomination.NOTE_5000;
import static jpos.CashChangerConst.CHAN_DEPOSIT_NOCHANGE;
import static jpos.CashChangerConst.CHAN_DEPOSIT_PAUSE;
import static jpos.CashChangerConst.CHAN_DEPOSIT_REPAY;
import static jpos.CashChangerConst.CHAN_DEPOSIT_RESTART;
import static jpos.CashChangerConst.CHAN_STATUS_ASYNC;
import static jpos.CashChangerConst.CHAN_STATUS_DEPOSIT_COUNT;
import static jpos.CashChangerConst.CHAN_STATUS_DEPOSIT_END;
import static jpos.CashChangerConst.CHAN_STATUS_DEPOSIT_JAM;
import static jpos.CashChangerConst.CHAN_STATUS_JAM;
import static jpos.CashChangerConst.CHAN_STATUS_JAMOK;
import static jpos.CashChangerConst.CHAN_STATUS_OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.CashLedger;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.jpos.DeviceSession;
import com.kippu.devices.jpos.JposRegistry;
import com.kippu.devices.sim.SimulatedHardware;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jpos.JposConst;
import jpos.JposException;
import jpos.services.CashChangerService114;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix of the simulated cash unit: power off, power lost mid-dispense and mid-deposit,
 * and jams on the deposit path, each asserting the JavaPOS error, the device state, the events and
 * the counts file afterwards. No coin or note is created or lost by any of them.
 */
class CashFaultMatrixTest {

  static final String FLOAT = SimulatedCashChangerTest.FLOAT;

  @TempDir Path dir;
  private String unitName;
  private SimulatedCashUnits.Unit slot;
  private Path countsFile;
  private SimulatedHardware.Unit power;
  private JposRegistry registry;
  private final BlockingQueue<Integer> events = new LinkedBlockingQueue<>();
  private DeviceSession<CashChangerService114> session;
  private CashChangerService114 c;

  @BeforeEach
  void open() throws Exception {
    unitName = "cash-" + UUID.randomUUID();
    slot = SimulatedCashUnits.unit(unitName);
    countsFile = dir.resolve("counts.txt");
    power = SimulatedCashDevices.power(countsFile);
    registry = SimulatedCashChangerTest.registry(dir, unitName, countsFile, 1);
    session = openSession();
    c = session.service();
  }

  private DeviceSession<CashChangerService114> openSession() throws JposException {
    return DeviceSession.open(
        registry,
        "CashChanger",
        CashChangerService114.class,
        1000,
        s -> {
          s.events().addStatusUpdateListener(e -> events.add(e.getStatus()));
          s.service().setPowerNotify(JposConst.JPOS_PN_ENABLED);
        });
  }

  @AfterEach
  void close() throws Exception {
    power.powerOn();
    session.close();
  }

  private static CashCounts counts(String upos) {
    return CashCounts.parse(upos, Denomination.YEN);
  }

  private static void assertCode(int code, Executable call) {
    JposException e = assertThrows(JposException.class, call);
    assertEquals(code, e.getErrorCode(), e.getMessage());
  }

  private int nextEvent() throws InterruptedException {
    Integer e = events.poll(5, TimeUnit.SECONDS);
    if (e == null) {
      throw new AssertionError("no StatusUpdateEvent");
    }
    return e;
  }

  /** Skips other events (power, jam) until {@code status} arrives. */
  private void awaitEvent(int status) throws InterruptedException {
    while (nextEvent() != status) {
      // not the one this step waits for
    }
  }

  private CashLedger.Snapshot onDisk() throws Exception {
    return CashLedger.read(countsFile);
  }

  /**
   * Every piece is somewhere: stock, either escrow, retract bin, on its way back to the customer,
   * or out with the customer.
   */
  private void assertNothingCreatedOrLost(CashCounts paidOut, CashCounts paidIn) throws Exception {
    CashLedger.Snapshot s = onDisk();
    CashCounts inside =
        s.stock()
            .plus(s.depositEscrow())
            .plus(s.dispenseEscrow())
            .plus(s.retracted())
            .plus(s.repaying());
    assertEquals(counts(FLOAT).plus(paidIn), inside.plus(paidOut));
  }

  @Test
  void powerOffMakesEveryHardwareCallOfflineAndPaysNothing() throws Exception {
    String fileBefore = java.nio.file.Files.readString(countsFile);

    power.powerOff();

    assertEquals(JposConst.JPOS_SUE_POWER_OFF_OFFLINE, nextEvent());
    assertEquals(JposConst.JPOS_PS_OFF_OFFLINE, c.getPowerState());
    assertCode(JposConst.JPOS_E_OFFLINE, () -> c.dispenseChange(1000));
    assertCode(JposConst.JPOS_E_OFFLINE, () -> c.dispenseCash(";1000:1"));
    assertCode(JposConst.JPOS_E_OFFLINE, c::beginDeposit);
    assertCode(JposConst.JPOS_E_OFFLINE, () -> c.readCashCounts(new String[1], new boolean[1]));
    assertCode(JposConst.JPOS_E_OFFLINE, () -> c.adjustCashCounts(";1000:99"));
    assertCode(JposConst.JPOS_E_OFFLINE, () -> c.checkHealth(JposConst.JPOS_CH_INTERNAL));
    assertTrue(slot.takeDispensed().isEmpty(), "nothing paid out without power");
    assertEquals(fileBefore, java.nio.file.Files.readString(countsFile), "ledger untouched");
    assertTrue(c.getDeviceEnabled(), "still enabled: the unit comes back by itself");
    assertEquals(CHAN_STATUS_OK, c.getDeviceStatus());

    power.powerOn();

    assertEquals(JposConst.JPOS_SUE_POWER_ONLINE, nextEvent());
    assertEquals(JposConst.JPOS_PS_ONLINE, c.getPowerState());
    c.dispenseChange(1000);
    assertEquals(counts(";1000:1"), slot.takeDispensed());
    assertEquals(1, power.powerLosses());
    assertNothingCreatedOrLost(counts(";1000:1"), CashCounts.empty());
  }

  @Test
  void withoutPowerNotifyAnUnpoweredUnitCannotBeEnabled() throws Exception {
    session.close();
    power.powerOff();

    JposException e =
        assertThrows(
            JposException.class,
            () -> DeviceSession.open(registry, "CashChanger", CashChangerService114.class, 1000));
    assertEquals(JposConst.JPOS_E_NOHARDWARE, e.getErrorCode(), e.getMessage());

    power.powerOn();
    session = openSession();
    c = session.service();
    assertEquals(JposConst.JPOS_PS_ONLINE, c.getPowerState());
  }

  @Test
  void powerLostMidDispenseKeepsThePiecesCountedAndTheResetBinsThem() throws Exception {
    slot.losePowerDuringNextDispense(1);

    JposException lost = assertThrows(JposException.class, () -> c.dispenseChange(6_000));

    assertEquals(JposConst.JPOS_E_OFFLINE, lost.getErrorCode(), lost.getMessage());
    assertTrue(lost.getMessage().contains("in escrow: ;5000:1"), lost.getMessage());
    assertEquals(JposConst.JPOS_SUE_POWER_OFF_OFFLINE, nextEvent());
    assertEquals(CHAN_STATUS_JAM, nextEvent());
    assertEquals(CHAN_STATUS_JAM, c.getDeviceStatus(), "pieces stopped in the escrow");
    CashLedger.Snapshot off = onDisk();
    assertEquals(counts(";5000:1"), off.dispenseEscrow());
    assertEquals(counts(FLOAT).minus(counts(";5000:1")), off.stock());
    assertTrue(slot.takeDispensed().isEmpty());
    assertCode(JposConst.JPOS_E_OFFLINE, () -> c.checkHealth(JposConst.JPOS_CH_INTERNAL));
    assertNothingCreatedOrLost(CashCounts.empty(), CashCounts.empty());

    power.powerOn();

    assertEquals(JposConst.JPOS_SUE_POWER_ONLINE, nextEvent());
    assertEquals(CHAN_STATUS_JAMOK, nextEvent());
    assertEquals(CHAN_STATUS_OK, c.getDeviceStatus());
    CashLedger.Snapshot reset = onDisk();
    assertTrue(reset.dispenseEscrow().isEmpty());
    assertEquals(counts(";5000:1"), reset.retracted(), "the reset binned the stopped piece");
    assertEquals(counts(FLOAT).minus(counts(";5000:1")), reset.stock(), "never counted twice");
    c.dispenseChange(6_000);
    assertEquals(counts(";1000:1,5000:1"), slot.takeDispensed());
    assertNothingCreatedOrLost(counts(";1000:1,5000:1"), CashCounts.empty());
  }

  @Test
  void powerLostMidDepositPausesItWithTheEscrowCountedAndTheDepositGoesOn() throws Exception {
    c.beginDeposit();
    slot.insert(NOTE_10000, 1);

    power.powerOff();

    assertEquals(JposConst.JPOS_SUE_POWER_OFF_OFFLINE, nextEvent());
    assertFalse(slot.accepting(), "the slot closes without power");
    assertThrows(IllegalStateException.class, () -> slot.insert(NOTE_1000, 1));
    assertCode(JposConst.JPOS_E_OFFLINE, c::fixDeposit);
    assertCode(JposConst.JPOS_E_OFFLINE, () -> c.endDeposit(CHAN_DEPOSIT_REPAY));
    assertEquals(counts(";10000:1"), onDisk().depositEscrow(), "the escrow stays counted");
    assertEquals(10_000, c.getDepositAmount());
    assertEquals(CHAN_STATUS_DEPOSIT_COUNT, c.getDepositStatus());
    assertNothingCreatedOrLost(CashCounts.empty(), counts(";10000:1"));

    power.powerOn();

    assertEquals(JposConst.JPOS_SUE_POWER_ONLINE, nextEvent());
    assertFalse(slot.accepting(), "paused: the application decides how the deposit goes on");
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.pauseDeposit(CHAN_DEPOSIT_PAUSE));
    c.pauseDeposit(CHAN_DEPOSIT_RESTART);
    slot.insert(NOTE_1000, 1);
    c.fixDeposit();
    c.endDeposit(CHAN_DEPOSIT_NOCHANGE);
    CashLedger.Snapshot s = onDisk();
    assertEquals(counts(FLOAT).plus(counts(";1000:1,10000:1")), s.stock());
    assertTrue(s.depositEscrow().isEmpty());
    assertTrue(slot.takeReturned().isEmpty());
  }

  @Test
  void depositLeftWithoutPowerIsRepaidByTheResetWhenPowerReturns() throws Exception {
    c.beginDeposit();
    slot.insert(NOTE_5000, 1);
    power.powerOff();

    c.setDeviceEnabled(false); // the application gives up on the deposit while the unit is off

    assertEquals(counts(";5000:1"), onDisk().depositEscrow(), "nothing moves without power");
    assertTrue(slot.takeReturned().isEmpty());
    assertEquals(CHAN_STATUS_DEPOSIT_END, c.getDepositStatus());

    power.powerOn();

    assertEquals(counts(";5000:1"), slot.takeReturned());
    assertTrue(onDisk().depositEscrow().isEmpty());
    assertEquals(counts(FLOAT), onDisk().stock());
  }

  @Test
  void depositLeftWithoutPowerByAClosedServiceIsRepaidAtTheNextEnable() throws Exception {
    c.beginDeposit();
    slot.insert(NOTE_1000, 3);
    power.powerOff();

    session.close();
    power.powerOn();

    assertEquals(counts(";1000:3"), onDisk().depositEscrow(), "no service: still counted");
    assertTrue(slot.takeReturned().isEmpty());
    session = openSession();
    c = session.service();
    assertEquals(counts(";1000:3"), slot.takeReturned());
    assertTrue(onDisk().depositEscrow().isEmpty());
    assertEquals(counts(FLOAT), onDisk().stock());
  }

  @Test
  void jamWithNotesInDepositEscrowRetainsThemCountedInTheRetractBin() throws Exception {
    c.beginDeposit();
    slot.insert(NOTE_1000, 2);
    slot.jamNextInsertion();

    slot.insert(NOTE_5000, 1);

    assertEquals(CHAN_STATUS_JAM, nextEvent());
    assertEquals(CHAN_STATUS_JAM, c.getDeviceStatus());
    assertEquals(CHAN_STATUS_DEPOSIT_JAM, c.getDepositStatus());
    assertEquals(7_000, c.getDepositAmount(), "the jammed insertion was counted first");
    assertFalse(slot.accepting());
    CashLedger.Snapshot s = onDisk();
    assertTrue(s.depositEscrow().isEmpty());
    assertEquals(counts(";1000:2,5000:1"), s.retracted());
    assertEquals(counts(FLOAT), s.stock());
    assertTrue(slot.takeReturned().isEmpty());
    JposException fix = assertThrows(JposException.class, c::fixDeposit);
    assertEquals(JposConst.JPOS_E_FAILURE, fix.getErrorCode());
    assertTrue(fix.getMessage().contains("retained in the retract bin"), fix.getMessage());
    assertCode(JposConst.JPOS_E_FAILURE, c::beginDeposit);
    assertCode(JposConst.JPOS_E_FAILURE, () -> c.dispenseChange(1000));
    assertNothingCreatedOrLost(CashCounts.empty(), counts(";1000:2,5000:1"));

    c.checkHealth(JposConst.JPOS_CH_INTERNAL);

    assertEquals(CHAN_STATUS_JAMOK, nextEvent());
    assertEquals(CHAN_STATUS_OK, c.getDeviceStatus());
    assertEquals(CHAN_STATUS_DEPOSIT_END, c.getDepositStatus());
    assertCode(JposConst.JPOS_E_ILLEGAL, c::fixDeposit); // the jammed deposit is over
    assertEquals(counts(";1000:2,5000:1"), onDisk().retracted(), "stays counted for the refund");
    c.beginDeposit();
    slot.insert(COIN_500, 1);
    c.fixDeposit();
    c.endDeposit(CHAN_DEPOSIT_NOCHANGE);
    assertEquals(counts(FLOAT).plus(counts("500:1")), onDisk().stock());
  }

  @Test
  void crashDuringTheRepayFailsTheDepositAndNeverRepaysItAgain() throws Exception {
    c.beginDeposit();
    slot.insert(NOTE_5000, 1);
    slot.insert(NOTE_1000, 2);
    c.fixDeposit();
    slot.crashDuringNextRepay();

    JposException failed =
        assertThrows(JposException.class, () -> c.endDeposit(CHAN_DEPOSIT_REPAY));

    assertEquals(JposConst.JPOS_E_FAILURE, failed.getErrorCode(), failed.getMessage());
    assertTrue(failed.getMessage().contains("7000 JPY"), failed.getMessage());
    assertTrue(failed.getMessage().contains("count the unit"), failed.getMessage());
    CashCounts deposit = counts(";1000:2,5000:1");
    assertEquals(deposit, slot.takeReturned(), "the notes reached the customer once");
    assertEquals(CHAN_STATUS_DEPOSIT_END, c.getDepositStatus(), "the failed repay ended it");
    assertEquals(CHAN_STATUS_OK, c.getDeviceStatus(), "a controller failure is no jam");
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> c.endDeposit(CHAN_DEPOSIT_REPAY));
    assertTrue(slot.takeReturned().isEmpty(), "not paid a second time");
    CashLedger.Snapshot s = onDisk();
    assertTrue(s.depositEscrow().isEmpty());
    assertTrue(s.repaying().isEmpty(), "written off at once, counted as repaid");
    assertTrue(s.discrepancy(), "nobody knows for sure where the notes went: count the unit");
    assertEquals(counts(FLOAT), s.stock());
    assertNothingCreatedOrLost(deposit, deposit);

    // A fresh claim of the same counts file finds nothing left to settle.
    session.close();
    session = openSession();
    c = session.service();

    assertTrue(slot.takeReturned().isEmpty(), "not paid by the next claim either");
    assertEquals(s, onDisk());
    c.beginDeposit(); // the unit works on
    slot.insert(NOTE_1000, 1);
    c.fixDeposit();
    c.endDeposit(CHAN_DEPOSIT_REPAY);
    assertEquals(counts(";1000:1"), slot.takeReturned());
    assertTrue(onDisk().repaying().isEmpty());
    assertNothingCreatedOrLost(deposit.plus(counts(";1000:1")), deposit.plus(counts(";1000:1")));
  }

  @Test
  void repayInterruptedInTheFileAloneIsSettledByTheNextClaimWithoutPaying() throws Exception {
    session.close();
    CashLedger ledger = CashLedger.open(countsFile, counts(FLOAT));
    ledger.escrowDeposit(counts(";10000:1"));
    ledger.startRepay(); // the power failed before the mechanism moved or reported

    session = openSession();
    c = session.service();

    assertTrue(slot.takeReturned().isEmpty(), "a recorded repay is never started again");
    CashLedger.Snapshot s = onDisk();
    assertTrue(s.repaying().isEmpty());
    assertTrue(s.discrepancy());
    assertEquals(counts(FLOAT), s.stock());
  }

  @Test
  void heldChangeOfAClosedServiceStaysCountedAndTheNextClaimBinsIt() throws Exception {
    c.setAsyncMode(true);
    slot.holdNextDispense();
    c.dispenseChange(1000);
    assertTrue(slot.holdsDispense());

    session.close();

    assertFalse(slot.holdsDispense(), "the closed dispenser no longer presents the change");
    assertThrows(IllegalStateException.class, slot::releaseHeldDispense);
    assertEquals(counts(";1000:1"), onDisk().dispenseEscrow(), "still counted in escrow");
    session = openSession();
    c = session.service();
    CashLedger.Snapshot s = onDisk();
    assertTrue(s.dispenseEscrow().isEmpty());
    assertEquals(counts(";1000:1"), s.retracted(), "the new claim's reset binned it");
    assertTrue(slot.takeDispensed().isEmpty());
    assertNothingCreatedOrLost(CashCounts.empty(), CashCounts.empty());
  }

  @Test
  void heldChangeTakenWithoutPowerFailsOfflineAndTheResetBinsIt() throws Exception {
    c.setAsyncMode(true);
    slot.holdNextDispense();
    c.dispenseChange(2000);
    power.powerOff();

    slot.releaseHeldDispense(); // the shutter stays shut without power

    awaitEvent(CHAN_STATUS_ASYNC);
    assertEquals(JposConst.JPOS_E_OFFLINE, c.getAsyncResultCode());
    assertTrue(slot.takeDispensed().isEmpty(), "nothing came out");
    assertEquals(counts(";2000:1"), onDisk().dispenseEscrow());
    assertNothingCreatedOrLost(CashCounts.empty(), CashCounts.empty());

    power.powerOn();

    CashLedger.Snapshot s = onDisk();
    assertTrue(s.dispenseEscrow().isEmpty());
    assertEquals(counts(";2000:1"), s.retracted());
    assertEquals(CHAN_STATUS_OK, c.getDeviceStatus());
    assertNothingCreatedOrLost(CashCounts.empty(), CashCounts.empty());
  }

  @Test
  void heldChangeLeftThroughAPowerCycleIsBinnedByTheReset() throws Exception {
    c.setAsyncMode(true);
    slot.holdNextDispense();
    c.dispenseChange(1000);

    power.powerCycle();

    awaitEvent(CHAN_STATUS_ASYNC);
    assertEquals(JposConst.JPOS_E_OFFLINE, c.getAsyncResultCode());
    assertFalse(slot.holdsDispense());
    assertThrows(IllegalStateException.class, slot::releaseHeldDispense);
    CashLedger.Snapshot s = onDisk();
    assertTrue(s.dispenseEscrow().isEmpty());
    assertEquals(counts(";1000:1"), s.retracted());
    assertTrue(slot.takeDispensed().isEmpty());
    c.setAsyncMode(false);
    c.dispenseChange(1000); // the unit works on
    assertEquals(counts(";1000:1"), slot.takeDispensed());
  }

  @Test
  void jamWhileRepayingRetainsTheNotesAndEndDepositFails() throws Exception {
    c.beginDeposit();
    slot.insert(NOTE_10000, 1);
    slot.insert(COIN_500, 1);
    c.fixDeposit();
    slot.jamNextRepay();

    JposException e = assertThrows(JposException.class, () -> c.endDeposit(CHAN_DEPOSIT_REPAY));

    assertEquals(JposConst.JPOS_E_FAILURE, e.getErrorCode());
    assertTrue(e.getMessage().contains("500:1;10000:1 retained"), e.getMessage());
    assertEquals(CHAN_STATUS_JAM, nextEvent());
    assertEquals(CHAN_STATUS_JAM, c.getDeviceStatus());
    assertEquals(CHAN_STATUS_DEPOSIT_JAM, c.getDepositStatus());
    assertTrue(slot.takeReturned().isEmpty(), "nothing reached the customer");
    CashLedger.Snapshot s = onDisk();
    assertTrue(s.depositEscrow().isEmpty());
    assertEquals(counts("500:1;10000:1"), s.retracted());
    assertEquals(counts(FLOAT), s.stock());
    assertNothingCreatedOrLost(CashCounts.empty(), counts("500:1;10000:1"));

    c.checkHealth(JposConst.JPOS_CH_INTERNAL);

    assertEquals(CHAN_STATUS_JAMOK, nextEvent());
    assertEquals("Internal HCheck: Successful", c.getCheckHealthText());
    assertEquals(CHAN_STATUS_OK, c.getDeviceStatus());
    assertNull(events.poll(0, TimeUnit.SECONDS));
  }

  @Test
  void disablingDuringADepositWhoseRepayJamsRetainsIt() throws Exception {
    c.beginDeposit();
    slot.insert(NOTE_1000, 4);
    slot.jamNextRepay();

    c.setDeviceEnabled(false);

    assertTrue(slot.takeReturned().isEmpty());
    assertEquals(counts(";1000:4"), onDisk().retracted());
    assertTrue(onDisk().depositEscrow().isEmpty());
    c.setDeviceEnabled(true);
    assertEquals(CHAN_STATUS_JAM, c.getDeviceStatus(), "still jammed after re-enable");
  }
}
