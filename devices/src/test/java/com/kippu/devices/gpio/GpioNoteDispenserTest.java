package com.kippu.devices.gpio;

import static com.kippu.devices.cash.Denomination.NOTE_1000;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.CashLedger;
import com.kippu.devices.cash.DispenseResult;
import com.kippu.devices.cash.DispenserFault;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jpos.JposConst;
import jpos.JposException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPIO dispenser's cycle and fault matrix on Pi4J's mock platform, time on a manual clock. */
class GpioNoteDispenserTest {

  static final Duration NOTE_GAP = Duration.ofMillis(2_000);
  static final Duration SHUTTER = Duration.ofMillis(3_000);
  static final Duration PRESENT = Duration.ofMillis(30_000);

  @TempDir Path dir;
  private final FakeScheduler clock = new FakeScheduler();
  private DispenserBench bench;
  private Path countsFile;
  private GpioNoteDispenser dispenser;

  static GpioDispenserConfig config() throws JposException {
    Map<String, Object> props = new HashMap<>(DispenserBench.PINS);
    props.put(GpioDispenserConfig.NOTE_GAP_TIMEOUT_MS, (int) NOTE_GAP.toMillis());
    props.put(GpioDispenserConfig.SHUTTER_TIMEOUT_MS, (int) SHUTTER.toMillis());
    props.put(GpioDispenserConfig.PRESENT_TIMEOUT_MS, (int) PRESENT.toMillis());
    return GpioDispenserConfig.from(props);
  }

  @BeforeEach
  void start() throws Exception {
    bench = new DispenserBench("Dispenser-" + UUID.randomUUID());
    countsFile = dir.resolve("counts.txt");
    dispenser = start(bench, CashLedger.open(countsFile, CashCounts.of(NOTE_1000, 20)));
    bench.shutterAtClosed();
  }

  private GpioNoteDispenser start(DispenserBench b, CashLedger ledger) throws Exception {
    GpioNoteDispenser d = GpioNoteDispenser.start(b.pi4j, b.device, config(), ledger, clock);
    b.watchMotor();
    return d;
  }

  @AfterEach
  void stop() {
    dispenser.close();
    bench.close();
  }

  private CashLedger.Snapshot onDisk() throws Exception {
    return CashLedger.read(countsFile);
  }

  private static CashCounts notes(int n) {
    return CashCounts.of(NOTE_1000, n);
  }

  private static DispenserFault faultOf(CompletableFuture<DispenseResult> f) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
    return assertInstanceOf(DispenserFault.class, e.getCause());
  }

  @Test
  void motorStopsOnTheLastCountPulseAndEveryNoteIsPersisted() throws Exception {
    assertFalse(bench.motorRunning(), "motor off at start");
    assertTrue(bench.high(DispenserIo.READY_LED));

    CompletableFuture<DispenseResult> f = dispenser.dispense(notes(3));
    bench.awaitMotor(true);
    assertTrue(bench.high(DispenserIo.BUSY_LED));
    assertFalse(bench.high(DispenserIo.READY_LED));

    bench.notesPass(1);
    assertEquals(notes(19), onDisk().stock());
    assertEquals(notes(1), onDisk().dispenseEscrow());
    // Counting, not timing: notes arriving just inside the gap never look like a jam.
    clock.advance(NOTE_GAP.minusMillis(1));
    bench.notesPass(1);
    clock.advance(NOTE_GAP.minusMillis(1));
    assertTrue(bench.motorRunning());
    bench.notesPass(1);
    bench.awaitMotor(false);
    assertEquals(notes(17), onDisk().stock());
    assertEquals(notes(3), onDisk().dispenseEscrow());
    assertTrue(bench.high(DispenserIo.SHUTTER_DRIVE), "shutter opens to present");

    bench.shutterMovesOpen();
    bench.customerTakesNotes();
    assertFalse(bench.high(DispenserIo.SHUTTER_DRIVE), "shutter closes once taken");
    assertFalse(f.isDone(), "done only when the shutter is closed again");
    bench.shutterMovesClosed();

    assertEquals(DispenseResult.taken(notes(3)), f.get(5, TimeUnit.SECONDS));
    CashLedger.Snapshot s = onDisk();
    assertEquals(notes(17), s.stock());
    assertTrue(s.dispenseEscrow().isEmpty());
    assertTrue(s.retracted().isEmpty());
    assertTrue(bench.high(DispenserIo.READY_LED));
    assertFalse(bench.high(DispenserIo.BUSY_LED));
    assertEquals(0, clock.pending(), "no timeout left armed");
  }

  @Test
  void aNoteFedAfterTheMotorStoppedIsCountedAndPaidOut() throws Exception {
    CompletableFuture<DispenseResult> f = dispenser.dispense(notes(2));
    bench.awaitMotor(true);
    bench.notesPass(2);
    bench.awaitMotor(false);

    bench.notesPass(1); // overrun: the rollers pushed one more note into the escrow

    bench.shutterMovesOpen();
    bench.customerTakesNotes();
    bench.shutterMovesClosed();
    assertEquals(DispenseResult.taken(notes(3)), f.get(5, TimeUnit.SECONDS));
    assertEquals(notes(17), onDisk().stock());
    assertFalse(onDisk().discrepancy(), "counted, so the ledger still matches the cash");
  }

  @Test
  void motorNeverStartsWhileTheShutterIsOpen() throws Exception {
    bench.set(DispenserIo.SHUTTER_OPEN, true);

    DispenserFault fault = faultOf(dispenser.dispense(notes(2)));

    assertEquals(DispenserFault.Kind.NOT_CLEAR, fault.kind());
    assertTrue(fault.getMessage().contains("shutter not closed"), fault.getMessage());
    assertTrue(bench.motorSwitches.isEmpty(), "the motor never switched on");
    assertTrue(dispenser.faulted());
    assertTrue(bench.high(DispenserIo.FAULT_LED));
    assertEquals(notes(20), onDisk().stock());
  }

  @Test
  void shutterLeavingItsClosedSwitchStopsTheMotor() throws Exception {
    CompletableFuture<DispenseResult> f = dispenser.dispense(notes(4));
    bench.awaitMotor(true);
    bench.notesPass(1);

    bench.set(DispenserIo.SHUTTER_CLOSED, false); // forced open by hand

    bench.awaitMotor(false);
    DispenserFault fault = faultOf(f);
    assertEquals(DispenserFault.Kind.SHUTTER, fault.kind());
    assertEquals(notes(1), fault.inEscrow());
    assertTrue(dispenser.faulted());
    assertEquals(notes(19), onDisk().stock());
    assertEquals(notes(1), onDisk().dispenseEscrow());
  }

  @Test
  void countSensorStoppingIsAJamAndItsNotesStayInEscrowUntilCleared() throws Exception {
    CompletableFuture<DispenseResult> f = dispenser.dispense(notes(5));
    bench.awaitMotor(true);
    bench.notesPass(3);

    clock.advance(NOTE_GAP);

    bench.awaitMotor(false);
    DispenserFault jam = faultOf(f);
    assertEquals(DispenserFault.Kind.JAM, jam.kind());
    assertEquals(notes(3), jam.inEscrow());
    assertTrue(dispenser.faulted());
    assertTrue(dispenser.faultReason().contains("3 of 5"), dispenser.faultReason());
    assertTrue(bench.high(DispenserIo.FAULT_LED));
    assertFalse(bench.high(DispenserIo.READY_LED));
    assertEquals(notes(17), onDisk().stock());
    assertEquals(notes(3), onDisk().dispenseEscrow());

    assertEquals(DispenserFault.Kind.NOT_CLEAR, faultOf(dispenser.dispense(notes(1))).kind());
    assertTrue(bench.motorSwitches.isEmpty(), "a jammed dispenser never restarts the motor");

    bench.set(DispenserIo.COUNT_SENSOR, true); // the jammed note still covers the sensor
    DispenserFault stillBlocked = assertThrows(DispenserFault.class, dispenser::clearFault);
    assertTrue(
        stillBlocked.getMessage().contains("count sensor blocked"), stillBlocked.getMessage());
    assertEquals(notes(3), onDisk().dispenseEscrow());
    assertTrue(onDisk().discrepancy(), "a pulse outside a dispense makes the counts uncertain");

    bench.set(DispenserIo.COUNT_SENSOR, false); // operator removed the notes
    dispenser.clearFault();

    assertFalse(dispenser.faulted());
    CashLedger.Snapshot s = onDisk();
    assertEquals(notes(17), s.stock());
    assertTrue(s.dispenseEscrow().isEmpty());
    assertEquals(notes(3), s.retracted());
    assertTrue(bench.high(DispenserIo.READY_LED));
    assertFalse(bench.high(DispenserIo.FAULT_LED));
  }

  @Test
  void notesNotTakenInTimeAreRetractedAndCounted() throws Exception {
    CompletableFuture<DispenseResult> f = dispenser.dispense(notes(2));
    bench.awaitMotor(true);
    bench.notesPass(2);
    bench.shutterMovesOpen();
    bench.set(DispenserIo.NOTE_PRESENT, true);

    clock.advance(PRESENT);

    assertFalse(bench.high(DispenserIo.SHUTTER_DRIVE), "shutter closes to retract");
    bench.set(DispenserIo.NOTE_PRESENT, false);
    bench.shutterMovesClosed();
    assertEquals(DispenseResult.retracted(notes(2)), f.get(5, TimeUnit.SECONDS));
    CashLedger.Snapshot s = onDisk();
    assertEquals(notes(18), s.stock());
    assertTrue(s.dispenseEscrow().isEmpty());
    assertEquals(notes(2), s.retracted());
    assertFalse(dispenser.faulted());
  }

  @Test
  void shutterThatNeverOpensIsAFaultWithTheNotesInEscrow() throws Exception {
    CompletableFuture<DispenseResult> f = dispenser.dispense(notes(2));
    bench.awaitMotor(true);
    bench.notesPass(2);

    clock.advance(SHUTTER);

    DispenserFault fault = faultOf(f);
    assertEquals(DispenserFault.Kind.SHUTTER, fault.kind());
    assertEquals(notes(2), fault.inEscrow());
    assertFalse(bench.high(DispenserIo.SHUTTER_DRIVE));
    assertTrue(dispenser.faulted());
  }

  @Test
  void powerCycleStopsTheMotorAndRestartRestoresTheCounts() throws Exception {
    CompletableFuture<DispenseResult> f = dispenser.dispense(notes(4));
    bench.awaitMotor(true);
    bench.notesPass(2);
    DigitalOutput motor = bench.output(DispenserIo.MOTOR);

    dispenser.close(); // power fails mid-dispense
    bench.close();

    assertEquals(DigitalState.LOW, motor.state());
    DispenserFault offline = faultOf(f);
    assertEquals(DispenserFault.Kind.OFFLINE, offline.kind());
    assertEquals(notes(2), offline.inEscrow());

    bench = new DispenserBench(bench.device);
    dispenser = start(bench, CashLedger.open(countsFile, CashCounts.of(NOTE_1000, 99)));

    assertFalse(bench.motorRunning(), "motor off after restart");
    assertEquals(notes(18), onDisk().stock(), "counts restored, not re-initialised");
    assertTrue(dispenser.faulted(), "notes left in escrow need the path checked");
    assertEquals(notes(2), onDisk().dispenseEscrow());
    bench.shutterAtClosed();
    dispenser.clearFault();
    assertEquals(notes(2), onDisk().retracted());

    CompletableFuture<DispenseResult> again = dispenser.dispense(notes(1));
    bench.awaitMotor(true);
    bench.notesPass(1);
    bench.shutterMovesOpen();
    bench.customerTakesNotes();
    bench.shutterMovesClosed();
    assertEquals(DispenseResult.taken(notes(1)), again.get(5, TimeUnit.SECONDS));
    assertEquals(notes(17), onDisk().stock());
  }

  @Test
  void contextDyingWithoutCloseStopsTheMotorAndARestartCountsNothingTwice() throws Exception {
    CompletableFuture<DispenseResult> f = dispenser.dispense(notes(4));
    bench.awaitMotor(true);
    bench.notesPass(2);
    DigitalOutput motor = bench.output(DispenserIo.MOTOR);
    GpioNoteDispenser lost = dispenser;

    bench.pi4j.shutdown(); // power loss or host exit: the context goes, close() never runs

    assertEquals(DigitalState.LOW, motor.state(), "motor off before the lines went");
    DispenserFault offline = faultOf(f);
    assertEquals(DispenserFault.Kind.OFFLINE, offline.kind());
    assertEquals(notes(2), offline.inEscrow());
    assertEquals(DispenserFault.Kind.OFFLINE, faultOf(lost.dispense(notes(1))).kind());
    CashLedger.Snapshot atLoss = onDisk();
    assertEquals(notes(18), atLoss.stock());
    assertEquals(notes(2), atLoss.dispenseEscrow());
    clock.advance(NOTE_GAP.multipliedBy(10)); // the lost dispenser's timeouts never fire
    assertEquals(atLoss, onDisk(), "nothing written after the context died");

    // Restart: a fresh context on the same wiring, the counts from the file only.
    bench = new DispenserBench(bench.device);
    FakeScheduler restartClock = new FakeScheduler();
    dispenser =
        GpioNoteDispenser.start(
            bench.pi4j,
            bench.device,
            config(),
            CashLedger.open(countsFile, CashCounts.of(NOTE_1000, 99)),
            restartClock);
    bench.watchMotor();

    assertFalse(bench.motorRunning(), "motor off after restart");
    assertEquals(notes(18), onDisk().stock(), "restored, not re-initialised or re-counted");
    assertTrue(dispenser.faulted(), "escrow left by the loss waits for the path check");
    bench.shutterAtClosed();
    dispenser.clearFault();
    CashLedger.Snapshot cleared = onDisk();
    assertEquals(notes(18), cleared.stock());
    assertEquals(notes(2), cleared.retracted());
    assertTrue(cleared.dispenseEscrow().isEmpty());
    assertFalse(cleared.discrepancy());

    CompletableFuture<DispenseResult> again = dispenser.dispense(notes(1));
    bench.awaitMotor(true);
    bench.notesPass(1);
    bench.shutterMovesOpen();
    bench.customerTakesNotes();
    bench.shutterMovesClosed();
    assertEquals(DispenseResult.taken(notes(1)), again.get(5, TimeUnit.SECONDS));
    assertEquals(notes(17), onDisk().stock());
    assertEquals(notes(2), onDisk().retracted(), "20 = 17 in stock + 2 binned + 1 paid");
  }

  @Test
  void pinConfigurationIsCheckedAndNamesTheBadKey() {
    Map<String, Object> props = new HashMap<>(DispenserBench.PINS);
    props.remove("motorPin");
    JposException missing =
        assertThrows(JposException.class, () -> GpioDispenserConfig.from(props));
    assertEquals(JposConst.JPOS_E_ILLEGAL, missing.getErrorCode());
    assertTrue(missing.getMessage().contains("motorPin"), missing.getMessage());

    props.put("motorPin", DispenserBench.PINS.get("countSensorPin"));
    JposException clash = assertThrows(JposException.class, () -> GpioDispenserConfig.from(props));
    assertTrue(clash.getMessage().contains("already given to"), clash.getMessage());

    props.put("motorPin", 40);
    props.put(GpioDispenserConfig.NOTE_VALUE, 3000);
    JposException note = assertThrows(JposException.class, () -> GpioDispenserConfig.from(props));
    assertTrue(note.getMessage().contains("noteValue"), note.getMessage());
  }
}
