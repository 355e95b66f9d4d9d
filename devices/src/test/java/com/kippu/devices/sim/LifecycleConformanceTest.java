package com.kippu.devices.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.ChipData;
import com.kippu.devices.jpos.EventDispatcher;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import jpos.ElectronicValueRWConst;
import jpos.JposConst;
import jpos.JposException;
import jpos.MSRConst;
import jpos.PINPadConst;
import jpos.POSPrinterConst;
import jpos.SmartCardRWConst;
import jpos.services.BaseService;
import jpos.services.ElectronicValueRWService114;
import jpos.services.MSRService114;
import jpos.services.PINPadService114;
import jpos.services.POSPrinterService114;
import jpos.services.SmartCardRWService114;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** UnifiedPOS state rules every simulated service must follow, plus device-specific refusals. */
class LifecycleConformanceTest {

  @TempDir static Path dir;

  interface Factory {
    AbstractSimulatedService create(String device) throws JposException;
  }

  static Stream<Factory> services() {
    return Stream.of(
        device -> {
          SimulatedSmartCardRW s = new SimulatedSmartCardRW();
          s.configure(Map.of("slotName", device));
          return s;
        },
        device -> {
          SimulatedPosPrinter p = new SimulatedPosPrinter();
          p.configure(Map.of("outputDirectory", dir.resolve(device).toString()));
          return p;
        },
        device -> {
          SimulatedPosPrinter p = new SimulatedPosPrinter();
          p.configure(
              Map.of("outputDirectory", dir.resolve(device).toString(), "filePrefix", "ticket"));
          return p;
        },
        device -> {
          SimulatedMsr m = new SimulatedMsr();
          m.configure(Map.of("deviceName", device));
          return m;
        },
        device -> {
          SimulatedPinPad p = new SimulatedPinPad();
          p.configure(Map.of("deviceName", device, "pinKey", "0123456789ABCDEFFEDCBA9876543210"));
          return p;
        },
        device -> {
          SimulatedElectronicValueRW e = new SimulatedElectronicValueRW();
          e.configure(Map.of("deviceName", device, "slotName", device));
          return e;
        });
  }

  private static void assertCode(int code, Executable call) {
    JposException e = assertThrows(JposException.class, call);
    assertEquals(code, e.getErrorCode(), e.getMessage());
  }

  private static EventDispatcher callbacks() {
    return new EventDispatcher("test", null);
  }

  @ParameterizedTest
  @MethodSource("services")
  void stateMachineAndWrongStateCodes(Factory factory) throws Exception {
    String device = "dev-" + UUID.randomUUID();
    AbstractSimulatedService s = factory.create(device);
    BaseService b = (BaseService) s;
    assertEquals(JposConst.JPOS_S_CLOSED, b.getState());
    assertCode(JposConst.JPOS_E_CLOSED, () -> b.claim(0));
    assertCode(JposConst.JPOS_E_CLOSED, b::getClaimed);
    assertCode(JposConst.JPOS_E_CLOSED, () -> b.setDeviceEnabled(true));
    assertCode(JposConst.JPOS_E_CLOSED, b::close);

    b.open(device, callbacks());
    assertEquals(JposConst.JPOS_S_IDLE, b.getState());
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> b.open(device, callbacks()));
    assertCode(JposConst.JPOS_E_NOTCLAIMED, () -> b.setDeviceEnabled(true));
    assertCode(JposConst.JPOS_E_NOTCLAIMED, () -> b.checkHealth(JposConst.JPOS_CH_INTERNAL));
    assertCode(JposConst.JPOS_E_ILLEGAL, b::release);
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> b.claim(-5));

    b.claim(0);
    assertTrue(b.getClaimed());
    b.claim(0); // claiming again from the same instance is allowed
    assertCode(JposConst.JPOS_E_DISABLED, () -> b.checkHealth(JposConst.JPOS_CH_INTERNAL));

    b.setDeviceEnabled(true);
    assertTrue(b.getDeviceEnabled());
    b.checkHealth(JposConst.JPOS_CH_INTERNAL);
    assertTrue(b.getCheckHealthText().contains("Successful"));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> b.checkHealth(JposConst.JPOS_CH_INTERACTIVE));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> b.directIO(1, new int[1], null));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> s.setPowerNotify(JposConst.JPOS_PN_ENABLED));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> s.updateFirmware("fw.bin"));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> s.resetStatistics(""));
    assertEquals(1_014_000, b.getDeviceServiceVersion());

    b.setDeviceEnabled(false);
    assertFalse(b.getDeviceEnabled());
    b.setDeviceEnabled(true);
    b.release(); // release disables first
    assertFalse(b.getClaimed());
    assertFalse(b.getDeviceEnabled());
    b.close();
    assertEquals(JposConst.JPOS_S_CLOSED, b.getState());
    assertCode(JposConst.JPOS_E_CLOSED, b::getDeviceEnabled);

    b.open(device, callbacks()); // a closed service can be opened again
    b.claim(0);
    b.close(); // close releases
    s.deleteInstance();
  }

  @ParameterizedTest
  @MethodSource("services")
  void claimIsExclusivePerDevice(Factory factory) throws Exception {
    String device = "dev-" + UUID.randomUUID();
    BaseService first = (BaseService) factory.create(device);
    BaseService second = (BaseService) factory.create(device);
    first.open(device, callbacks());
    second.open(device, callbacks());
    first.claim(0);
    assertCode(JposConst.JPOS_E_TIMEOUT, () -> second.claim(0));
    first.release();
    second.claim(0);
    assertTrue(second.getClaimed());
    second.close();
    first.close();
  }

  @Test
  void cardReaderRefusesWhatItCannotDo() throws Exception {
    String device = "dev-" + UUID.randomUUID();
    SmartCardRWService114 s = (SmartCardRWService114) services().findFirst().get().create(device);
    s.open(device, callbacks());
    s.claim(0);
    assertCode(JposConst.JPOS_E_DISABLED, () -> s.writeData(SmartCardRWConst.SC_STORE_DATA, 0, ""));
    s.setDeviceEnabled(true);
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> s.setInterfaceMode(SmartCardRWConst.SC_MODE_TRANS));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> s.setIsoEmvMode(SmartCardRWConst.SC_MODE_EMV));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> s.setSCSlot(2));
    assertCode(
        JposConst.JPOS_E_ILLEGAL, () -> s.writeData(SmartCardRWConst.SC_STORE_PROGRAM, 0, ""));
    assertCode(
        JposConst.JPOS_E_ILLEGAL,
        () -> s.readData(SmartCardRWConst.SC_READ_DATA, new int[1], new String[1]));
    assertCode(JposConst.JPOS_E_ILLEGAL, s::endInsertion);
    JposException noCard =
        assertThrows(
            JposException.class,
            () -> s.writeData(SmartCardRWConst.SC_STORE_DATA, 4, "\0\u00b0\u0081\0"));
    assertEquals(JposConst.JPOS_E_EXTENDED, noCard.getErrorCode());
    assertEquals(SmartCardRWConst.JPOS_ESC_NO_CARD, noCard.getErrorCodeExtended());
    assertCode(JposConst.JPOS_E_TIMEOUT, () -> s.beginInsertion(0));
    s.close();
  }

  @Test
  void printerRefusesWhatItCannotDo() throws Exception {
    String device = "dev-" + UUID.randomUUID();
    POSPrinterService114 p =
        (POSPrinterService114) services().skip(1).findFirst().get().create(device);
    p.open(device, callbacks());
    p.claim(0);
    assertCode(
        JposConst.JPOS_E_DISABLED, () -> p.printNormal(POSPrinterConst.PTR_S_RECEIPT, "x\n"));
    p.setDeviceEnabled(true);
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> p.printNormal(POSPrinterConst.PTR_S_JOURNAL, "x\n"));
    assertCode(
        JposConst.JPOS_E_ILLEGAL,
        () ->
            p.printBarCode(
                POSPrinterConst.PTR_S_RECEIPT,
                "123",
                POSPrinterConst.PTR_BCS_UPCA,
                10,
                100,
                POSPrinterConst.PTR_BC_CENTER,
                POSPrinterConst.PTR_BC_TEXT_NONE));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> p.setSlpLineChars(40));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> p.setCharacterSet(POSPrinterConst.PTR_CS_ASCII));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> p.cutPaper(101));
    assertCode(
        JposConst.JPOS_E_ILLEGAL,
        () -> p.transactionPrint(POSPrinterConst.PTR_S_RECEIPT, POSPrinterConst.PTR_TP_NORMAL));
    p.transactionPrint(POSPrinterConst.PTR_S_RECEIPT, POSPrinterConst.PTR_TP_TRANSACTION);
    assertCode(
        JposConst.JPOS_E_ILLEGAL,
        () ->
            p.transactionPrint(POSPrinterConst.PTR_S_RECEIPT, POSPrinterConst.PTR_TP_TRANSACTION));
    assertCode(
        JposConst.JPOS_E_NOEXIST,
        () ->
            p.printBitmap(
                POSPrinterConst.PTR_S_RECEIPT,
                "no-such.bmp",
                POSPrinterConst.PTR_BM_ASIS,
                POSPrinterConst.PTR_BM_CENTER));
    assertTrue(p.getCapRecPresent());
    assertTrue(p.getCapTransaction());
    assertFalse(p.getCapJrnPresent());
    p.close();
  }

  @Test
  void msrRefusesWhatItCannotDo() throws Exception {
    String device = "dev-" + UUID.randomUUID();
    MSRService114 m = (MSRService114) services().skip(3).findFirst().get().create(device);
    assertCode(JposConst.JPOS_E_CLOSED, m::getAccountNumber);
    m.open(device, callbacks());
    assertCode(JposConst.JPOS_E_NOTCLAIMED, m::clearInput);
    m.claim(0);
    assertCode(JposConst.JPOS_E_DISABLED, () -> m.writeTracks(new byte[4][], 0));
    m.setDeviceEnabled(true);
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> m.setTracksToRead(16));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> m.setErrorReportingType(7));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> m.setTracksToWrite(MSRConst.MSR_TR_1));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> m.writeTracks(new byte[4][], 0));
    assertCode(
        JposConst.JPOS_E_ILLEGAL, () -> m.setDataEncryptionAlgorithm(MSRConst.MSR_DE_3DEA_DUKPT));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> m.authenticateDevice(new byte[0]));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> m.retrieveCardProperty("Weight", new String[1]));
    assertTrue(m.getCapJISTwo());
    assertEquals(MSRConst.MSR_TR_NONE, m.getCapWritableTracks());
    m.close();
  }

  @Test
  void pinPadRefusesWhatItCannotDo() throws Exception {
    String device = "dev-" + UUID.randomUUID();
    PINPadService114 p = (PINPadService114) services().skip(4).findFirst().get().create(device);
    p.open(device, callbacks());
    p.claim(0);
    p.setAccountNumber("4980001234567897");
    assertCode(JposConst.JPOS_E_DISABLED, () -> p.beginEFTTransaction("M/S", 1));
    p.setDeviceEnabled(true);
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> p.verifyMAC("x"));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> p.setTransactionType(9));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> p.setPromptLanguage("EN"));
    JposException noTmk = assertThrows(JposException.class, () -> p.updateKey(1, "0".repeat(38)));
    assertEquals(PINPadConst.JPOS_EPPAD_BAD_KEY, noTmk.getErrorCodeExtended());
    p.beginEFTTransaction("M/S", 1);
    p.setDeviceEnabled(false); // disabling ends the EFT transaction
    p.setDeviceEnabled(true);
    assertCode(JposConst.JPOS_E_ILLEGAL, p::enablePINEntry);
    p.close();
  }

  @Test
  void eMoneyReaderWriterRefusesWhatItCannotDo() throws Exception {
    String device = "dev-" + UUID.randomUUID();
    ElectronicValueRWService114 e =
        (ElectronicValueRWService114) services().skip(5).findFirst().get().create(device);
    e.open(device, callbacks());
    e.claim(0);
    assertCode(JposConst.JPOS_E_DISABLED, () -> e.readValue(1, 0));
    e.setDeviceEnabled(true);
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> e.subtractValue(1, 0)); // Amount not set
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> e.readValue(1, -2));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> e.writeValue(1, 0));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> e.cancelValue(1, 0));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> e.setParameterInformation("Colour", "red"));
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> e.setParameterInformation("TransactionID", "a b"));
    assertCode(
        JposConst.JPOS_E_ILLEGAL, () -> e.retrieveResultInformation("Colour", new String[1]));
    assertCode(
        JposConst.JPOS_E_ILLEGAL,
        () -> e.setTrainingModeState(ElectronicValueRWConst.EVRW_TM_TRUE));
    JposException noCard =
        assertThrows(JposException.class, e::queryLastSuccessfulTransactionResult);
    assertEquals(ElectronicValueRWConst.OPOS_EVRW_NOCARD, noCard.getErrorCodeExtended());
    assertCode(
        JposConst.JPOS_E_TIMEOUT, () -> e.beginDetection(ElectronicValueRWConst.EVRW_BD_ANY, 0));
    assertTrue(e.getCapSubtractValue());
    assertEquals(ElectronicValueRWConst.EVRW_DS_NOCARD, e.getDetectionStatus());
    e.close();
  }

  private static final String CUT = "\u001b|fP";

  private static String next(BlockingQueue<String> events) throws InterruptedException {
    String e = events.poll(10, TimeUnit.SECONDS);
    assertTrue(e != null, "no event delivered");
    return e;
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertTrue(latch.await(10, TimeUnit.SECONDS), "timed out");
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** State changes on the service's own thread, which no event marks; waits for it, bounded. */
  private static void awaitState(BaseService s, int state) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (s.getState() != state) {
      assertTrue(System.nanoTime() < deadline, "State never became " + state);
      Thread.onSpinWait();
    }
  }

  private static SimulatedPosPrinter ticketPrinter(String device) throws JposException {
    SimulatedPosPrinter p = new SimulatedPosPrinter();
    p.configure(
        Map.of(
            "outputDirectory",
            dir.resolve(device).toString(),
            "filePrefix",
            "ticket",
            "renderPng",
            false));
    return p;
  }

  @Test
  void printerRefusesSynchronousOutputWhileAsynchronousOutputIsOutstanding() throws Exception {
    String device = "dev-" + UUID.randomUUID();
    SimulatedPaper.Roll roll = SimulatedPaper.roll(device);
    roll.load(1, 0); // the asynchronous ticket (2 lines) runs the paper out
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    CountDownLatch errorShown = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    EventDispatcher cb = callbacks();
    cb.addErrorListener(
        e -> {
          events.add("error " + e.getErrorCodeExtended());
          errorShown.countDown();
          awaitUninterruptibly(answer); // the application decides while the request waits
          e.setErrorResponse(JposConst.JPOS_ER_RETRY);
        });
    cb.addOutputCompleteListener(e -> events.add("complete " + e.getOutputID()));
    cb.addStatusUpdateListener(e -> events.add("status " + e.getStatus()));
    SimulatedPosPrinter p = ticketPrinter(device);
    p.open(device, cb);
    p.claim(0);
    p.setDeviceEnabled(true);
    p.setAsyncMode(true);
    p.printNormal(POSPrinterConst.PTR_S_RECEIPT, "async 1\nasync 2\n" + CUT);
    int asyncId = p.getOutputID();
    await(errorShown);
    assertEquals(JposConst.JPOS_S_ERROR, p.getState());

    p.setAsyncMode(false);
    int rec = POSPrinterConst.PTR_S_RECEIPT;
    assertCode(JposConst.JPOS_E_BUSY, () -> p.printNormal(rec, "sync\n" + CUT));
    assertCode(JposConst.JPOS_E_BUSY, () -> p.cutPaper(100));
    assertCode(
        JposConst.JPOS_E_BUSY,
        () ->
            p.printBarCode(
                rec,
                "K-1",
                POSPrinterConst.PTR_BCS_QRCODE,
                100,
                100,
                POSPrinterConst.PTR_BC_CENTER,
                POSPrinterConst.PTR_BC_TEXT_NONE));
    p.transactionPrint(rec, POSPrinterConst.PTR_TP_TRANSACTION); // buffering is not output
    p.printNormal(rec, "whole ticket\n" + CUT);
    assertCode(JposConst.JPOS_E_BUSY, () -> p.transactionPrint(rec, POSPrinterConst.PTR_TP_NORMAL));

    roll.replenish(); // the operator loads paper while the error is shown
    p.printImmediate(rec, "immediate\n" + CUT); // UnifiedPOS: allowed with output outstanding
    p.setFlagWhenIdle(true);
    answer.countDown();

    assertEquals("status " + POSPrinterConst.PTR_SUE_REC_EMPTY, next(events));
    assertEquals("error " + POSPrinterConst.JPOS_EPTR_REC_EMPTY, next(events));
    assertEquals("status " + POSPrinterConst.PTR_SUE_REC_PAPEROK, next(events));
    assertEquals("complete " + asyncId, next(events));
    assertEquals("status " + POSPrinterConst.PTR_SUE_IDLE, next(events));
    assertEquals(JposConst.JPOS_S_IDLE, p.getState());
    p.transactionPrint(rec, POSPrinterConst.PTR_TP_NORMAL); // the transaction was kept
    p.close();
    cb.close();

    Path out = dir.resolve(device);
    assertEquals("immediate\n", Files.readString(out.resolve("ticket-0001.txt")));
    assertEquals("async 1\nasync 2\n", Files.readString(out.resolve("ticket-0002.txt")));
    assertEquals("whole ticket\n", Files.readString(out.resolve("ticket-0003.txt")));
    assertFalse(Files.exists(out.resolve("ticket-0004.txt")));
  }

  @Test
  void printerClearOutputDropsQueuedOutputAndARetryOfAClearedRequestPrintsNothing()
      throws Exception {
    String device = "dev-" + UUID.randomUUID();
    SimulatedPaper.Roll roll = SimulatedPaper.roll(device);
    roll.load(1, 0);
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    CountDownLatch errorShown = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    EventDispatcher cb = callbacks();
    cb.addErrorListener(
        e -> {
          events.add("error");
          errorShown.countDown();
          awaitUninterruptibly(answer);
          e.setErrorResponse(JposConst.JPOS_ER_RETRY);
        });
    cb.addOutputCompleteListener(e -> events.add("complete " + e.getOutputID()));
    SimulatedPosPrinter p = ticketPrinter(device);
    p.open(device, cb);
    p.claim(0);
    p.setDeviceEnabled(true);
    p.setAsyncMode(true);
    int rec = POSPrinterConst.PTR_S_RECEIPT;
    p.printNormal(rec, "first 1\nfirst 2\n" + CUT);
    await(errorShown);
    p.printNormal(rec, "queued\n" + CUT);
    assertEquals(JposConst.JPOS_S_ERROR, p.getState());

    p.clearOutput();
    roll.replenish();
    answer.countDown(); // "retry" for a request clearOutput already dropped
    awaitState(p, JposConst.JPOS_S_IDLE);
    p.printNormal(rec, "after clear\n" + CUT);
    int afterId = p.getOutputID();
    assertEquals("error", next(events));
    assertEquals("complete " + afterId, next(events)); // nothing of the cleared two completed
    p.close();
    cb.close();

    Path out = dir.resolve(device);
    assertEquals("after clear\n", Files.readString(out.resolve("ticket-0001.txt")));
    assertFalse(Files.exists(out.resolve("ticket-0002.txt")));
  }

  @Test
  void eMoneyRefusesSynchronousRequestsWhileAsynchronousOnesAreOutstandingAndClearDropsTheQueue()
      throws Exception {
    String device = "dev-" + UUID.randomUUID();
    SimulatedCardSlots.Slot slot = SimulatedCardSlots.slot(device);
    slot.insert(
        CardImages.create(
            dir.resolve(device + ".kic"), new ChipData("KC-" + device, "Hanako", "0001", 10_000)));
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    CountDownLatch errorShown = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    EventDispatcher cb = callbacks();
    cb.addErrorListener(
        ev -> {
          events.add("error " + ev.getErrorCodeExtended());
          errorShown.countDown();
          awaitUninterruptibly(answer);
          ev.setErrorResponse(JposConst.JPOS_ER_CLEAR);
        });
    cb.addOutputCompleteListener(ev -> events.add("complete " + ev.getOutputID()));
    ElectronicValueRWService114 e =
        (ElectronicValueRWService114) services().skip(5).findFirst().get().create(device);
    e.open(device, cb);
    e.claim(0);
    e.setDeviceEnabled(true);
    e.setAsyncMode(true);
    e.setAmount(99_999);
    e.setParameterInformation("TransactionID", "TX-TOO-MUCH");
    e.subtractValue(1, 0); // the card refuses: balance too low
    await(errorShown);
    e.setAmount(500);
    e.setParameterInformation("TransactionID", "TX-QUEUED");
    e.subtractValue(2, 0); // queued behind the error

    e.setAsyncMode(false);
    e.setAmount(1_000);
    e.setParameterInformation("TransactionID", "TX-SYNC");
    assertCode(JposConst.JPOS_E_BUSY, () -> e.subtractValue(3, 0));
    assertCode(JposConst.JPOS_E_BUSY, () -> e.readValue(3, 0));
    assertCode(JposConst.JPOS_E_BUSY, e::queryLastSuccessfulTransactionResult);

    answer.countDown(); // JPOS_ER_CLEAR: the failed request and TX-QUEUED are dropped
    awaitState((BaseService) e, JposConst.JPOS_S_IDLE);
    e.queryLastSuccessfulTransactionResult();
    String[] value = new String[1];
    e.retrieveResultInformation("CardSequenceNumber", value);
    assertEquals("0", value[0]); // the card moved no value at all

    e.subtractValue(3, 0); // the TransactionID set before JPOS_E_BUSY is still there
    e.retrieveResultInformation("TransactionID", value);
    assertEquals("TX-SYNC", value[0]);
    assertEquals(9_000, e.getBalance());

    e.setAsyncMode(true);
    e.readValue(4, 0);
    int readId = e.getOutputID();
    assertEquals("error " + ElectronicValueRWConst.OPOS_EVRW_DEFICIENT, next(events));
    assertEquals("complete " + readId, next(events)); // TX-QUEUED never completed
    e.close();
    cb.close();
    slot.remove();
  }

  @Test
  void eMoneyClearOutputLeavesTheRequestAtTheCardRunningAndBusyUntilItEnds() throws Exception {
    String device = "dev-" + UUID.randomUUID();
    SimulatedCardSlots.Slot slot = SimulatedCardSlots.slot(device);
    Path card =
        CardImages.create(
            dir.resolve(device + ".kic"), new ChipData("KC-" + device, "Hanako", "0001", 10_000));
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    EventDispatcher cb = callbacks();
    cb.addOutputCompleteListener(ev -> events.add("complete " + ev.getOutputID()));
    ElectronicValueRWService114 e =
        (ElectronicValueRWService114) services().skip(5).findFirst().get().create(device);
    e.open(device, cb);
    e.claim(0);
    e.setDeviceEnabled(true);
    e.setAsyncMode(true);
    CountDownLatch atTheSlot = new CountDownLatch(1);
    slot.whenAwaited(atTheSlot::countDown);
    e.setAmount(500);
    e.setParameterInformation("TransactionID", "TX-IN-FLIGHT");
    e.subtractValue(1, JposConst.JPOS_FOREVER); // runs, waiting for the card
    int inFlightId = e.getOutputID();
    await(atTheSlot);
    e.setParameterInformation("TransactionID", "TX-QUEUED");
    e.subtractValue(2, JposConst.JPOS_FOREVER);

    e.clearOutput();

    assertEquals(JposConst.JPOS_S_BUSY, e.getState(), "the request at the card still runs");
    e.setAsyncMode(false);
    e.setAmount(1_000);
    e.setParameterInformation("TransactionID", "TX-SYNC");
    assertCode(JposConst.JPOS_E_BUSY, () -> e.subtractValue(3, 0));
    slot.insert(card);
    assertEquals("complete " + inFlightId, next(events));
    awaitState((BaseService) e, JposConst.JPOS_S_IDLE);
    e.subtractValue(3, 0);
    assertEquals(8_500, e.getBalance(), "TX-IN-FLIGHT and TX-SYNC moved value, TX-QUEUED none");
    e.close();
    cb.close();
    slot.remove();
  }

  @Test
  void printerClearOutputLeavesThePrintingRequestRunningAndBusyUntilItEnds() throws Exception {
    String device = "dev-" + UUID.randomUUID();
    SimulatedPaper.Roll roll = SimulatedPaper.roll(device);
    AtomicBoolean holdNextFeed = new AtomicBoolean();
    CountDownLatch printing = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Runnable hold =
        () -> {
          if (holdNextFeed.compareAndSet(true, false)) {
            printing.countDown();
            awaitUninterruptibly(finish); // the paper is moving: this request is printing
          }
        };
    roll.addListener(hold);
    EventDispatcher cb = callbacks();
    SimulatedPosPrinter p = ticketPrinter(device);
    p.open(device, cb);
    p.claim(0);
    p.setDeviceEnabled(true);
    p.setAsyncMode(true);
    int rec = POSPrinterConst.PTR_S_RECEIPT;
    holdNextFeed.set(true);
    p.printNormal(rec, "printing\n" + CUT);
    await(printing);
    p.printNormal(rec, "queued\n" + CUT);

    Thread clear = new Thread(() -> clearOutputQuietly(p), "clearOutput");
    clear.start();
    awaitBlockedOnAnotherLock(clear, p); // queue dropped; now waits for the paper being printed

    assertEquals(JposConst.JPOS_S_BUSY, p.getState(), "the printing request still runs");
    p.setAsyncMode(false);
    assertCode(JposConst.JPOS_E_BUSY, () -> p.printNormal(rec, "sync\n" + CUT));
    finish.countDown();
    clear.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(clear.isAlive(), "clearOutput returned");
    awaitState(p, JposConst.JPOS_S_IDLE);
    p.printNormal(rec, "sync\n" + CUT);
    roll.removeListener(hold);
    p.close();
    cb.close();

    Path out = dir.resolve(device);
    assertEquals("printing\n", Files.readString(out.resolve("ticket-0001.txt")));
    assertEquals("sync\n", Files.readString(out.resolve("ticket-0002.txt")));
    assertFalse(Files.exists(out.resolve("ticket-0003.txt")), "the queued ticket was dropped");
  }

  private static void clearOutputQuietly(SimulatedPosPrinter p) {
    try {
      p.clearOutput();
    } catch (JposException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits, bounded, until {@code t} is blocked on a monitor other than the service's own. */
  private static void awaitBlockedOnAnotherLock(Thread t, Object service) throws Exception {
    String serviceLock = service.getClass().getName() + "@";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(t.getId());
      if (info != null
          && info.getThreadState() == Thread.State.BLOCKED
          && !info.getLockName().startsWith(serviceLock)) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError(t.getName() + " never blocked on the paper");
  }

  @Test
  void slipStationNeedsAFormHasNoCutterAndEjectingEndsTheDocument() throws Exception {
    String device = "dev-" + UUID.randomUUID();
    SimulatedPosPrinter p = new SimulatedPosPrinter();
    p.configure(
        Map.of(
            "outputDirectory", dir.resolve(device).toString(),
            "slipStation", true,
            "renderPng", false));
    p.open(device, callbacks());
    p.claim(0);
    p.setDeviceEnabled(true);
    int slp = POSPrinterConst.PTR_S_SLIP;
    assertTrue(p.getCapSlpPresent());
    assertTrue(p.getSlpEmpty());
    JposException empty = assertThrows(JposException.class, () -> p.printNormal(slp, "x\n"));
    assertEquals(JposConst.JPOS_E_EXTENDED, empty.getErrorCode());
    assertEquals(POSPrinterConst.JPOS_EPTR_SLP_EMPTY, empty.getErrorCodeExtended());
    assertCode(JposConst.JPOS_E_ILLEGAL, p::endInsertion);
    assertCode(JposConst.JPOS_E_ILLEGAL, p::endRemoval);

    p.beginInsertion(0);
    p.endInsertion();
    assertFalse(p.getSlpEmpty());
    p.printNormal(slp, "on the form\n");
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> p.printNormal(slp, "cut?\n" + CUT));
    p.transactionPrint(slp, POSPrinterConst.PTR_TP_TRANSACTION);
    assertCode(JposConst.JPOS_E_ILLEGAL, () -> p.printNormal(POSPrinterConst.PTR_S_RECEIPT, "r\n"));
    p.printNormal(slp, "in the transaction\n");
    p.transactionPrint(slp, POSPrinterConst.PTR_TP_NORMAL);
    assertFalse(Files.exists(dir.resolve(device).resolve("receipt-0001.txt")));
    p.beginRemoval(0);
    p.endRemoval();
    assertTrue(p.getSlpEmpty());
    p.close();
    assertEquals(
        "on the form\nin the transaction\n",
        Files.readString(dir.resolve(device).resolve("receipt-0001.txt")));
  }
}
