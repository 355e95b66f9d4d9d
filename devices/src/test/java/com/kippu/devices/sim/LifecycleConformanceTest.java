package com.kippu.devices.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.jpos.EventDispatcher;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import jpos.JposConst;
import jpos.JposException;
import jpos.POSPrinterConst;
import jpos.SmartCardRWConst;
import jpos.services.BaseService;
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
}
