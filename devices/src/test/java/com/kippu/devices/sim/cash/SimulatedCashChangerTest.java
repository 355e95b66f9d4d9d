package com.kippu.devices.sim.cash;

import static com.kippu.devices.cash.Denomination.COIN_100;
import static com.kippu.devices.cash.Denomination.COIN_500;
import static com.kippu.devices.cash.Denomination.NOTE_1000;
import static com.kippu.devices.cash.Denomination.NOTE_10000;
import static com.kippu.devices.cash.Denomination.NOTE_5000;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.CashLedger;
import com.kippu.devices.cash.CashUnit;
import com.kippu.devices.cash.CashUnitStatus;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.cash.Deposit;
import com.kippu.devices.cash.DepositEnd;
import com.kippu.devices.jpos.DeviceSession;
import com.kippu.devices.jpos.JposRegistry;
import com.kippu.devices.sim.SimulatedDevices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jpos.CashChangerConst;
import jpos.JposConst;
import jpos.JposException;
import jpos.services.CashChangerService114;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deposits, change, counts and faults of the simulated cash unit, through jpos.xml and CashUnit.
 */
class SimulatedCashChangerTest {

  static final String FLOAT = "1:50,5:50,10:50,50:50,100:50,500:20;1000:20,2000:3,5000:5,10000:3";

  @TempDir Path dir;
  private String unitName;
  private SimulatedCashUnits.Unit slot;
  private Path countsFile;
  private CashUnit unit;
  private final BlockingQueue<Deposit> deposits = new LinkedBlockingQueue<>();
  private final BlockingQueue<CashUnitStatus> statuses = new LinkedBlockingQueue<>();

  static JposRegistry registry(Path dir, String unitName, Path countsFile, int nearEmpty)
      throws Exception {
    Path xml = dir.resolve("jpos.xml");
    Files.writeString(
        xml,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE JposEntries PUBLIC "-//JavaPOS//DTD//EN" "jpos/res/jcl.dtd">
        <JposEntries>
          <JposEntry logicalName="CashChanger">
            <creation factoryClass="jpos.loader.service.DefaultServiceInstanceFactory"
                      serviceClass="com.kippu.devices.sim.cash.SimulatedCashChanger"/>
            <vendor name="Kippu" url="https://kippu.example"/>
            <jpos category="CashChanger" version="1.14"/>
            <product description="Simulated cash unit" name="Kippu Simulated CashChanger" url=""/>
            <prop name="countsFile" type="String" value="%s"/>
            <prop name="initialCounts" type="String" value="%s"/>
            <prop name="nearEmptyCount" type="Integer" value="%d"/>
            <prop name="unitName" type="String" value="%s"/>
          </JposEntry>
        </JposEntries>
        """
            .formatted(countsFile, FLOAT, nearEmpty, unitName));
    return JposRegistry.load(xml);
  }

  @BeforeEach
  void open() throws Exception {
    unitName = "cash-" + UUID.randomUUID();
    slot = SimulatedCashUnits.unit(unitName);
    countsFile = dir.resolve("counts.txt");
    unit = open(1);
  }

  private CashUnit open(int nearEmpty) throws Exception {
    CashUnit u = CashUnit.open(registry(dir, unitName, countsFile, nearEmpty), "CashChanger");
    u.onDepositCounted(deposits::add);
    u.onStatusChange(statuses::add);
    return u;
  }

  @AfterEach
  void close() throws Exception {
    unit.close();
  }

  private static CashCounts counts(String upos) {
    return CashCounts.parse(upos, Denomination.YEN);
  }

  private CashCounts stock() throws Exception {
    return unit.cashCounts().counts();
  }

  private static void assertCode(int code, Executable call) {
    JposException e = assertThrows(JposException.class, call);
    assertEquals(code, e.getErrorCode(), e.getMessage());
  }

  @Test
  void depositWithChangeKeepsTheNotesAndPaysTheChange() throws Exception {
    assertThrows(IllegalStateException.class, () -> slot.insert(NOTE_10000, 1), "slot closed");
    unit.beginDeposit();
    assertTrue(slot.accepting());

    slot.insert(NOTE_10000, 1);
    assertEquals(10_000, deposits.poll(5, TimeUnit.SECONDS).amountYen());
    slot.insert(COIN_500, 1);
    assertEquals(10_500, deposits.poll(5, TimeUnit.SECONDS).amountYen());
    Deposit fixed = unit.fixDeposit();
    assertEquals(new Deposit(10_500, counts("500:1;10000:1")), fixed);
    assertThrows(IllegalStateException.class, () -> slot.insert(NOTE_1000, 1), "fixed");
    assertEquals(counts(FLOAT), stock(), "the deposit is in escrow, not in stock, until ended");

    int change = 10_500 - 3_200;
    assertTrue(unit.canDispense(change));
    unit.endDeposit(DepositEnd.CHANGE);
    unit.dispenseChange(change);

    assertEquals(counts("100:3;2000:1,5000:1"), slot.takeDispensed(), "largest pieces first");
    assertEquals(
        counts(FLOAT).plus(counts("500:1;10000:1")).minus(counts("100:3;2000:1,5000:1")), stock());
    assertTrue(slot.takeReturned().isEmpty());
  }

  @Test
  void repayGivesBackExactlyWhatWasInsertedAndPauseClosesTheSlot() throws Exception {
    unit.beginDeposit();
    slot.insert(NOTE_1000, 2);
    unit.pauseDeposit();
    assertThrows(IllegalStateException.class, () -> slot.insert(COIN_100, 1), "paused");
    assertEquals(2_000, unit.deposit().amountYen());
    unit.restartDeposit();
    slot.insert(COIN_500, 1);
    unit.fixDeposit();

    unit.endDeposit(DepositEnd.REPAY);

    assertEquals(counts("500:1;1000:2"), slot.takeReturned());
    assertEquals(counts(FLOAT), stock());
    assertTrue(CashLedger.read(countsFile).depositEscrow().isEmpty());
  }

  @Test
  void countsSurviveARestart() throws Exception {
    unit.beginDeposit();
    slot.insert(NOTE_10000, 2);
    unit.fixDeposit();
    unit.endDeposit(DepositEnd.NO_CHANGE);
    unit.close();

    unit = open(1);

    assertEquals(counts(FLOAT).plus(counts(";10000:2")), stock());
    assertTrue(
        Files.readString(countsFile)
            .contains("stock=1:50,5:50,10:50,50:50,100:50,500:20;1000:20,2000:3,5000:5,10000:5"));
  }

  @Test
  void disablingDuringADepositRepaysIt() throws Exception {
    unit.beginDeposit();
    slot.insert(NOTE_5000, 1);

    unit.close();

    assertEquals(counts(";5000:1"), slot.takeReturned());
    assertTrue(CashLedger.read(countsFile).depositEscrow().isEmpty());
    assertEquals(counts(FLOAT), CashLedger.read(countsFile).stock());
    unit = open(1);
  }

  @Test
  void stockTheUnitCannotMakeIsAnOverdispenseAndNothingMoves() throws Exception {
    JposException e = assertThrows(JposException.class, () -> unit.dispenseChange(10_000_000));
    assertEquals(JposConst.JPOS_E_EXTENDED, e.getErrorCode());
    assertEquals(CashChangerConst.JPOS_ECHAN_OVERDISPENSE, e.getErrorCodeExtended());
    assertFalse(unit.canDispense(10_000_000));
    assertCode(JposConst.JPOS_E_EXTENDED, () -> unit.dispense(counts(";10000:4")));
    assertEquals(counts(FLOAT), stock());
    assertTrue(slot.takeDispensed().isEmpty());

    unit.dispense(counts("1:2;2000:1"));
    assertEquals(counts("1:2;2000:1"), slot.takeDispensed());
  }

  @Test
  void statusEventsFollowTheStock() throws Exception {
    unit.close();
    unit = open(2); // near empty at 2 pieces or fewer
    assertEquals(CashUnitStatus.OK, unit.status());

    unit.dispense(counts(";2000:1"));
    assertEquals(CashUnitStatus.NEAR_EMPTY, statuses.poll(5, TimeUnit.SECONDS));
    unit.dispense(counts(";2000:2"));
    assertEquals(CashUnitStatus.EMPTY, statuses.poll(5, TimeUnit.SECONDS));
    assertEquals(CashUnitStatus.EMPTY, unit.status());

    unit.adjustCashCounts(counts(";2000:10"), List.of(Denomination.NOTE_2000));
    assertEquals(CashUnitStatus.OK, statuses.poll(5, TimeUnit.SECONDS));
    assertEquals(10, stock().count(Denomination.NOTE_2000));
    assertEquals(counts(FLOAT).with(Denomination.NOTE_2000, 10), stock(), "others unchanged");
  }

  @Test
  void aJamKeepsItsPiecesInEscrowUntilClearedThenBinsThem() throws Exception {
    slot.jamNextDispense(1);

    assertCode(JposConst.JPOS_E_FAILURE, () -> unit.dispenseChange(1_500));

    assertEquals(CashUnitStatus.JAM, statuses.poll(5, TimeUnit.SECONDS));
    assertEquals(CashUnitStatus.JAM, unit.status());
    CashLedger.Snapshot jammed = CashLedger.read(countsFile);
    assertEquals(counts(";1000:1"), jammed.dispenseEscrow());
    assertEquals(counts(FLOAT).minus(counts(";1000:1")), jammed.stock());
    assertCode(JposConst.JPOS_E_FAILURE, () -> unit.dispenseChange(500));
    assertTrue(slot.takeDispensed().isEmpty());

    unit.clearJam();

    assertEquals(CashUnitStatus.OK, statuses.poll(5, TimeUnit.SECONDS));
    CashLedger.Snapshot cleared = CashLedger.read(countsFile);
    assertTrue(cleared.dispenseEscrow().isEmpty());
    assertEquals(counts(";1000:1"), cleared.retracted());
    unit.dispenseChange(500);
    assertEquals(counts("500:1"), slot.takeDispensed());
  }

  @Test
  void changeNotTakenIsRetractedAndReportedAsTimeout() throws Exception {
    slot.leaveNextDispense();

    assertCode(JposConst.JPOS_E_TIMEOUT, () -> unit.dispenseChange(6_000));

    assertTrue(slot.takeDispensed().isEmpty());
    assertEquals(counts(";1000:1,5000:1"), CashLedger.read(countsFile).retracted());
    assertEquals(CashUnitStatus.OK, unit.status());
  }

  @Test
  void asyncDispenseEndsWithAnAsyncStatusEvent() throws Exception {
    unit.close();
    BlockingQueue<Integer> events = new LinkedBlockingQueue<>();
    try (DeviceSession<CashChangerService114> s =
        DeviceSession.open(
            registry(dir, unitName, countsFile, 1),
            "CashChanger",
            CashChangerService114.class,
            1000,
            session -> {
              session.events().addStatusUpdateListener(e -> events.add(e.getStatus()));
              session.service().setAsyncMode(true);
            })) {
      s.service().dispenseChange(2_000);
      assertEquals(CashChangerConst.CHAN_STATUS_ASYNC, events.poll(5, TimeUnit.SECONDS));
      assertEquals(JposConst.JPOS_SUCCESS, s.service().getAsyncResultCode());
      assertEquals(counts(";2000:1"), slot.takeDispensed());
    }
    unit = open(1);
  }

  @Test
  void dataEventsFollowTheInputModel() throws Exception {
    unit.close();
    BlockingQueue<Integer> data = new LinkedBlockingQueue<>();
    try (DeviceSession<CashChangerService114> s =
        DeviceSession.open(
            registry(dir, unitName, countsFile, 1),
            "CashChanger",
            CashChangerService114.class,
            1000,
            session -> session.events().addDataListener(e -> data.add(e.getStatus())))) {
      CashChangerService114 c = s.service();
      c.beginDeposit();
      slot.insert(COIN_100, 1);
      slot.insert(COIN_100, 1);
      assertEquals(2, c.getDataCount(), "queued while DataEventEnabled is false");
      assertEquals(CashChangerConst.CHAN_STATUS_DEPOSIT_COUNT, c.getDepositStatus());

      c.setDataEventEnabled(true);
      assertEquals(0, data.poll(5, TimeUnit.SECONDS), "CashChanger DataEvent status is zero");
      assertFalse(c.getDataEventEnabled(), "one event per enable");
      assertEquals(1, c.getDataCount());
      assertNull(data.poll(0, TimeUnit.SECONDS));
      c.clearInput();
      assertEquals(0, c.getDataCount());
      assertEquals(
          "1:0,5:0,10:0,50:0,100:2,500:0;1000:0,2000:0,5000:0,10000:0", c.getDepositCounts());
      c.fixDeposit();
      c.endDeposit(CashChangerConst.CHAN_DEPOSIT_NOCHANGE);
      assertEquals(CashChangerConst.CHAN_STATUS_DEPOSIT_END, c.getDepositStatus());
      assertEquals(200, c.getDepositAmount(), "kept until the next beginDeposit");
    }
    unit = open(1);
    assertEquals(counts(FLOAT).plus(counts("100:2")), stock());
  }

  @Test
  void simulatorRegistryGainsACashChangerThatSurvivesWriteAndLoad() throws Exception {
    String other = "cash-" + UUID.randomUUID();
    JposRegistry withCash =
        SimulatedCashDevices.withCashChanger(
            SimulatedDevices.registry(dir.resolve("receipts"), "slot-" + other),
            dir.resolve("sim-counts.txt"),
            other,
            counts(";1000:10"));
    Path xml = dir.resolve("sim-jpos.xml");
    withCash.write(xml);

    JposRegistry loaded = JposRegistry.load(xml);
    assertTrue(loaded.logicalNames().contains(SimulatedDevices.IC_CARD));
    try (CashUnit cash = CashUnit.open(loaded, SimulatedCashDevices.CASH_CHANGER)) {
      assertEquals(counts(";1000:10"), cash.cashCounts().counts());
      cash.beginDeposit();
      SimulatedCashUnits.unit(other).insert(NOTE_1000, 1);
      assertEquals(1_000, cash.fixDeposit().amountYen());
      cash.endDeposit(DepositEnd.NO_CHANGE);
      assertEquals(counts(";1000:11"), cash.cashCounts().counts());
    }
  }

  @Test
  void theSamplesUnitHandsBackTheTwoThousandYenNoteUncounted() throws Exception {
    String terminal = "T-" + UUID.randomUUID();
    JposRegistry sample =
        SimulatedDevices.registry(dir.resolve("out"), dir.resolve("sample-counts.txt"), terminal);
    SimulatedCashUnits.Unit sampleSlot =
        SimulatedCashUnits.unit(
            SimulatedDevices.unitName(terminal, SimulatedCashDevices.CASH_CHANGER));
    try (CashUnit cash = CashUnit.open(sample, SimulatedCashDevices.CASH_CHANGER)) {
      cash.beginDeposit();
      sampleSlot.insert(NOTE_1000, 1);
      CashCounts back =
          sampleSlot.insert(CashCounts.of(Denomination.NOTE_2000, 1).with(COIN_100, 2));

      assertEquals(counts(";2000:1"), back, "the refused note is handed back");
      assertEquals(counts(";2000:1"), sampleSlot.inTray(), "it lies in the return tray");
      assertEquals(1_200, cash.fixDeposit().amountYen(), "only the pieces taken were counted");
      assertEquals(counts(";2000:1"), sampleSlot.takeReturned());
      cash.endDeposit(DepositEnd.REPAY);
      assertEquals(counts("100:2;1000:1"), sampleSlot.takeReturned());
      assertTrue(sampleSlot.refused().contains(Denomination.NOTE_2000));
      assertFalse(sampleSlot.refused().contains(NOTE_1000));
    }
  }
}
