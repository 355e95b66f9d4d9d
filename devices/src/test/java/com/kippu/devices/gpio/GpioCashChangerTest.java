package com.kippu.devices.gpio;

import static com.kippu.devices.cash.Denomination.NOTE_1000;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.CashInventory;
import com.kippu.devices.cash.CashLedger;
import com.kippu.devices.cash.CashUnit;
import com.kippu.devices.cash.CashUnitStatus;
import com.kippu.devices.jpos.EventDispatcher;
import com.kippu.devices.jpos.JposRegistry;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jpos.CashChangerConst;
import jpos.JposConst;
import jpos.JposException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPIO CashChanger service: loaded from jpos.xml onto a registered mock context, and driven
 * directly on a manual clock for the fault matrix, each fault checked against device state, events
 * and the counts on disk.
 */
class GpioCashChangerTest {

  @TempDir Path dir;
  private final FakeScheduler clock = new FakeScheduler();
  private final BlockingQueue<Integer> events = new LinkedBlockingQueue<>();
  private DispenserBench bench;
  private Path countsFile;
  private GpioCashChanger changer;
  private EventDispatcher callbacks;

  @BeforeEach
  void setUp() {
    bench = new DispenserBench("Dispenser-" + UUID.randomUUID());
    countsFile = dir.resolve("gpio-counts.txt");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (changer != null && changer.getState() != JposConst.JPOS_S_CLOSED) {
      changer.close();
    }
    if (callbacks != null) {
      callbacks.close();
    }
    bench.close();
  }

  static Map<String, Object> props(Path countsFile) {
    Map<String, Object> p = new HashMap<>(DispenserBench.PINS);
    p.put("countsFile", countsFile.toString());
    p.put("initialCounts", ";1000:20");
    p.put(GpioDispenserConfig.NOTE_GAP_TIMEOUT_MS, 2_000);
    p.put(GpioDispenserConfig.SHUTTER_TIMEOUT_MS, 3_000);
    p.put(GpioDispenserConfig.PRESENT_TIMEOUT_MS, 30_000);
    return p;
  }

  /** Opens, claims and enables a service on the bench's context in async mode. */
  private GpioCashChanger enabled(DispenserBench b) throws Exception {
    GpioCashChanger c = new GpioCashChanger(b.pi4j, clock);
    c.configure(props(countsFile));
    callbacks = new EventDispatcher(b.device, null);
    callbacks.addStatusUpdateListener(e -> events.add(e.getStatus()));
    c.open(b.device, callbacks);
    c.claim(0);
    c.setDeviceEnabled(true);
    c.setAsyncMode(true);
    b.watchMotor();
    b.shutterAtClosed();
    return c;
  }

  private int nextEvent() throws InterruptedException {
    Integer e = events.poll(5, TimeUnit.SECONDS);
    if (e == null) {
      throw new AssertionError("no StatusUpdateEvent");
    }
    return e;
  }

  private String cashCounts(GpioCashChanger c) throws JposException {
    String[] counts = new String[1];
    c.readCashCounts(counts, new boolean[1]);
    return counts[0];
  }

  private CashLedger.Snapshot onDisk() throws Exception {
    return CashLedger.read(countsFile);
  }

  private static CashCounts notes(int n) {
    return CashCounts.of(NOTE_1000, n);
  }

  @Test
  void jposXmlEntryDispensesChangeOnARegisteredContext() throws Exception {
    String contextName = "pi4j-" + UUID.randomUUID();
    Pi4jContexts.register(contextName, bench.pi4j);
    Map<String, Object> p = props(countsFile);
    p.put(GpioDispenserConfig.PI4J_CONTEXT, contextName);
    p.put(GpioDispenserConfig.NOTE_GAP_TIMEOUT_MS, 600_000); // real clock here: never the cause
    Path xml = dir.resolve("jpos.xml");
    Files.writeString(xml, jposXml(bench.device, p));
    ExecutorService customer = Executors.newSingleThreadExecutor();
    try (CashUnit unit = CashUnit.open(JposRegistry.load(xml), bench.device)) {
      bench.watchMotor();
      bench.shutterAtClosed();
      assertEquals(new CashInventory(notes(20), false), unit.cashCounts());

      Future<?> paying =
          customer.submit(
              () -> {
                unit.dispenseChange(3_000);
                return null;
              });
      bench.awaitMotor(true);
      bench.notesPass(3);
      bench.awaitMotor(false);
      bench.shutterMovesOpen();
      bench.customerTakesNotes();
      bench.shutterMovesClosed();
      paying.get(5, TimeUnit.SECONDS);

      assertEquals(notes(17), unit.cashCounts().counts());
      assertEquals(CashUnitStatus.OK, unit.status());
      JposException coins = assertThrows(JposException.class, () -> unit.dispenseChange(2_500));
      assertEquals(JposConst.JPOS_E_EXTENDED, coins.getErrorCode());
      assertEquals(CashChangerConst.JPOS_ECHAN_OVERDISPENSE, coins.getErrorCodeExtended());
    } finally {
      customer.shutdownNow();
      Pi4jContexts.unregister(contextName);
    }
    assertFalse(bench.pi4j.registry().exists(DispenserIo.MOTOR.id(bench.device)), "lines freed");
  }

  static String jposXml(String logicalName, Map<String, Object> props) {
    String propXml =
        props.entrySet().stream()
            .map(
                e ->
                    "    <prop name=\"%s\" type=\"%s\" value=\"%s\"/>"
                        .formatted(
                            e.getKey(), e.getValue().getClass().getSimpleName(), e.getValue()))
            .collect(Collectors.joining("\n"));
    return """
           <JposEntries>
             <JposEntry logicalName="%s">
               <creation factoryClass="" serviceClass="com.kippu.devices.gpio.GpioCashChanger"/>
               <jpos category="CashChanger" version="1.14"/>
           %s
             </JposEntry>
           </JposEntries>
           """
        .formatted(logicalName, propXml);
  }

  @Test
  void noteJamStopsTheMotorReportsJamAndIsClearedIntoTheRetractBin() throws Exception {
    changer = enabled(bench);
    changer.dispenseChange(5_000);
    bench.awaitMotor(true);
    bench.notesPass(2);

    clock.advance(GpioNoteDispenserTest.NOTE_GAP);

    bench.awaitMotor(false);
    assertEquals(CashChangerConst.CHAN_STATUS_JAM, nextEvent());
    assertEquals(CashChangerConst.CHAN_STATUS_ASYNC, nextEvent());
    assertEquals(JposConst.JPOS_E_FAILURE, changer.getAsyncResultCode());
    assertEquals(CashChangerConst.CHAN_STATUS_JAM, changer.getDeviceStatus());
    assertTrue(bench.high(DispenserIo.FAULT_LED));
    assertEquals(";1000:18", cashCounts(changer));
    assertEquals(notes(2), onDisk().dispenseEscrow(), "notes in escrow during the jam");
    JposException refused = assertThrows(JposException.class, () -> changer.dispenseChange(1_000));
    assertEquals(JposConst.JPOS_E_FAILURE, refused.getErrorCode());
    assertTrue(refused.getMessage().contains("note jam"), refused.getMessage());

    bench.set(DispenserIo.SHUTTER_CLOSED, false); // operator opened the unit
    changer.checkHealth(JposConst.JPOS_CH_INTERNAL);
    assertTrue(changer.getCheckHealthText().contains("shutter not closed"));
    assertEquals(CashChangerConst.CHAN_STATUS_JAM, changer.getDeviceStatus());

    bench.shutterAtClosed();
    changer.checkHealth(JposConst.JPOS_CH_INTERNAL);

    assertEquals(CashChangerConst.CHAN_STATUS_JAMOK, nextEvent());
    assertEquals("Internal HCheck: Successful", changer.getCheckHealthText());
    assertEquals(CashChangerConst.CHAN_STATUS_OK, changer.getDeviceStatus());
    assertEquals(notes(2), onDisk().retracted());
    assertTrue(onDisk().dispenseEscrow().isEmpty());
    assertEquals(";1000:18", cashCounts(changer));
  }

  @Test
  void presentTimeoutRetractsTheNotesAndEndsWithTimeout() throws Exception {
    changer = enabled(bench);
    changer.dispenseChange(2_000);
    bench.awaitMotor(true);
    bench.notesPass(2);
    bench.shutterMovesOpen();
    bench.set(DispenserIo.NOTE_PRESENT, true);
    assertEquals(JposConst.JPOS_S_BUSY, changer.getState());
    assertThrows(JposException.class, () -> cashCounts(changer), "busy while async dispensing");

    clock.advance(GpioNoteDispenserTest.PRESENT);
    bench.set(DispenserIo.NOTE_PRESENT, false);
    bench.shutterMovesClosed();

    assertEquals(CashChangerConst.CHAN_STATUS_ASYNC, nextEvent());
    assertEquals(JposConst.JPOS_E_TIMEOUT, changer.getAsyncResultCode());
    assertEquals(JposConst.JPOS_S_IDLE, changer.getState());
    assertEquals(CashChangerConst.CHAN_STATUS_OK, changer.getDeviceStatus());
    assertEquals(";1000:18", cashCounts(changer));
    assertEquals(notes(2), onDisk().retracted());
  }

  @Test
  void powerCycleLeavesTheMotorOffAndRestoresCountsAndEscrow() throws Exception {
    changer = enabled(bench);
    changer.dispenseChange(4_000);
    bench.awaitMotor(true);
    bench.notesPass(1);
    DigitalOutput motor = bench.output(DispenserIo.MOTOR);

    changer.close(); // device goes offline mid-dispense
    callbacks.close();
    bench.close();

    assertEquals(DigitalState.LOW, motor.state());
    assertEquals(notes(19), onDisk().stock());
    assertEquals(notes(1), onDisk().dispenseEscrow());

    bench = new DispenserBench(bench.device);
    GpioCashChanger restarted = new GpioCashChanger(bench.pi4j, clock);
    restarted.configure(props(countsFile));
    callbacks = new EventDispatcher(bench.device, null);
    restarted.open(bench.device, callbacks);
    restarted.claim(0);
    assertFalse(bench.motorRunning(), "motor off after restart");
    restarted.setDeviceEnabled(true);
    changer = restarted;

    assertEquals(";1000:19", cashCounts(changer));
    assertEquals(CashChangerConst.CHAN_STATUS_JAM, changer.getDeviceStatus(), "escrow to check");
    bench.shutterAtClosed();
    changer.checkHealth(JposConst.JPOS_CH_INTERNAL);
    assertEquals(CashChangerConst.CHAN_STATUS_OK, changer.getDeviceStatus());
    assertEquals(notes(1), onDisk().retracted());
  }

  @Test
  void contextDyingMidDispenseEndsItOfflineAndARestartRecoversTheCounts() throws Exception {
    changer = enabled(bench);
    changer.dispenseChange(3_000);
    bench.awaitMotor(true);
    bench.notesPass(1);
    DigitalOutput motor = bench.output(DispenserIo.MOTOR);

    bench.pi4j.shutdown(); // the context dies under the service: no close(), no release()

    assertEquals(CashChangerConst.CHAN_STATUS_ASYNC, nextEvent());
    assertEquals(JposConst.JPOS_E_OFFLINE, changer.getAsyncResultCode());
    assertEquals(DigitalState.LOW, motor.state());
    assertEquals(JposConst.JPOS_S_IDLE, changer.getState());
    changer.setAsyncMode(false);
    JposException off = assertThrows(JposException.class, () -> changer.dispenseChange(1_000));
    assertEquals(JposConst.JPOS_E_OFFLINE, off.getErrorCode(), off.getMessage());
    assertEquals(notes(19), onDisk().stock());
    assertEquals(notes(1), onDisk().dispenseEscrow());
    String atLoss = Files.readString(countsFile);
    changer.close(); // the application gives the dead device up
    callbacks.close();
    assertEquals(atLoss, Files.readString(countsFile), "closing a dead unit moves no cash");

    bench = new DispenserBench(bench.device); // restart on a fresh context
    changer = enabled(bench);

    assertFalse(bench.motorRunning());
    assertEquals(";1000:19", cashCounts(changer), "restored from the file, counted once");
    assertEquals(CashChangerConst.CHAN_STATUS_JAM, changer.getDeviceStatus(), "escrow to check");
    changer.checkHealth(JposConst.JPOS_CH_INTERNAL);
    assertEquals(CashChangerConst.CHAN_STATUS_OK, changer.getDeviceStatus());
    CashLedger.Snapshot s = onDisk();
    assertEquals(notes(19), s.stock());
    assertEquals(notes(1), s.retracted());
    assertTrue(s.dispenseEscrow().isEmpty());
  }

  @Test
  void unitTakesNoDepositsAndListsOnlyItsNotes() throws Exception {
    changer = enabled(bench);
    assertFalse(changer.getCapDeposit());
    assertEquals(CashChangerConst.CHAN_STATUS_DEPOSIT_NONE, changer.getDepositStatus());
    assertEquals(";1000", changer.getCurrencyCashList());
    assertEquals(";1000", changer.getExitCashList());
    JposException e = assertThrows(JposException.class, changer::beginDeposit);
    assertEquals(JposConst.JPOS_E_ILLEGAL, e.getErrorCode());
    assertTrue(changer.getPhysicalDeviceDescription().contains("1000 yen"));
  }
}
