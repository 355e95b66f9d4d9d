package com.kippu.devices.sim;

import com.kippu.devices.cash.service.CashChangerConfig;
import com.kippu.devices.jpos.JposRegistry;
import com.kippu.devices.sim.cash.SimulatedCashChanger;
import com.kippu.devices.sim.cash.SimulatedCashDevices;
import com.kippu.devices.sim.cash.SimulatedCashUnits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jpos.JposException;

/**
 * The simulated devices of one terminal as a jpos.xml: the shipped sample ({@link #RESOURCE},
 * logical names {@link #IC_CARD}, {@link #RECEIPT_PRINTER}, {@link #TICKET_PRINTER}, {@link #MSR},
 * {@link #PIN_PAD}, {@link #EMONEY} and {@link #CASH_CHANGER}) with the simulator's run-time
 * directory and terminal id put in, written where the plugin's {@code devices.jposXml} points. The
 * terminal id names the physical units, so several simulated terminals in one JVM never share a
 * card slot, a paper roll, a magnetic stripe reader, a keypad, a cash unit or a power switch.
 */
public final class SimulatedDevices {

  public static final String RESOURCE = "/com/kippu/devices/sim/jpos-sim.xml";
  public static final String IC_CARD = "ICCardRW";
  public static final String RECEIPT_PRINTER = "ReceiptPrinter";
  public static final String TICKET_PRINTER = "TicketPrinter";
  public static final String MSR = "MSR";
  public static final String PIN_PAD = "PINPad";
  public static final String EMONEY = "EMoneyRW";
  public static final String CASH_CHANGER = SimulatedCashDevices.CASH_CHANGER;

  /** Every logical device of the sample, in the order of the file. */
  public static final List<String> LOGICAL_NAMES =
      List.of(IC_CARD, RECEIPT_PRINTER, TICKET_PRINTER, MSR, PIN_PAD, EMONEY, CASH_CHANGER);

  private SimulatedDevices() {}

  /**
   * The name of the physical unit behind {@code logicalName} on terminal {@code terminalId}: the
   * key of {@link SimulatedCardSlots}, {@link SimulatedPaper}, {@link SimulatedMagstripes}, {@link
   * SimulatedKeypads}, {@link SimulatedEMoney}, {@link SimulatedCashUnits} and {@link
   * SimulatedHardware}. The IC card's slot is named by the terminal id alone; the e-money
   * reader/writer reads the card in that slot.
   */
  public static String unitName(String terminalId, String logicalName) {
    return IC_CARD.equals(logicalName) ? terminalId : terminalId + "/" + logicalName;
  }

  /**
   * The sample registry with receipts and tickets going to {@code outputDirectory} (files {@code
   * receipt-NNNN} and {@code ticket-NNNN}), the cash unit's counts in {@code cash-counts.txt}
   * there, and the units named after {@code terminalId}.
   */
  public static JposRegistry registry(Path outputDirectory, String terminalId)
      throws JposException {
    return registry(outputDirectory, outputDirectory.resolve("cash-counts.txt"), terminalId);
  }

  /**
   * The sample registry with receipts and tickets going to {@code outputDirectory}, the cash unit's
   * counts kept in {@code cashCountsFile} and the units named after {@code terminalId}. The PIN pad
   * keeps the sample's development keys; a simulator whose bank host sends PIN keys sets {@code
   * masterKey} to the terminal's master key with {@link JposRegistry#withProperties}.
   */
  public static JposRegistry registry(Path outputDirectory, Path cashCountsFile, String terminalId)
      throws JposException {
    String out = outputDirectory.toAbsolutePath().toString();
    return JposRegistry.loadResource(RESOURCE)
        .withProperties(
            RECEIPT_PRINTER,
            Map.of("outputDirectory", out, "deviceName", unitName(terminalId, RECEIPT_PRINTER)))
        .withProperties(
            TICKET_PRINTER,
            Map.of("outputDirectory", out, "deviceName", unitName(terminalId, TICKET_PRINTER)))
        .withProperties(IC_CARD, Map.of("slotName", unitName(terminalId, IC_CARD)))
        .withProperties(MSR, Map.of("deviceName", unitName(terminalId, MSR)))
        .withProperties(PIN_PAD, Map.of("deviceName", unitName(terminalId, PIN_PAD)))
        .withProperties(
            EMONEY,
            Map.of(
                "slotName", unitName(terminalId, IC_CARD),
                "deviceName", unitName(terminalId, EMONEY)))
        .withProperties(
            CASH_CHANGER,
            Map.of(
                CashChangerConfig.COUNTS_FILE, cashCountsFile.toAbsolutePath().toString(),
                SimulatedCashChanger.UNIT_NAME, unitName(terminalId, CASH_CHANGER)));
  }

  /** The venue gate's sample: an IC card reader/writer and a 2D scanner. */
  public static final String GATE_RESOURCE = "/com/kippu/devices/sim/jpos-gate-sim.xml";

  public static final String SCANNER = "Scanner";

  /**
   * The gate's sample registry with its units named after {@code gateId}: the card slot {@code
   * gateId} (as a terminal's) and the scan window {@code gateId/Scanner}.
   */
  public static JposRegistry gateRegistry(String gateId) throws JposException {
    return JposRegistry.loadResource(GATE_RESOURCE)
        .withProperties(IC_CARD, Map.of("slotName", unitName(gateId, IC_CARD)))
        .withProperties(SCANNER, Map.of("deviceName", unitName(gateId, SCANNER)));
  }

  /**
   * Writes {@link #registry} to {@code jposXml} and returns it; the cash unit keeps its counts in
   * {@code cash/counts.txt} beside the file.
   */
  public static JposRegistry writeJposXml(Path jposXml, Path outputDirectory, String terminalId)
      throws JposException, IOException {
    JposRegistry registry =
        registry(
            outputDirectory,
            jposXml.toAbsolutePath().resolveSibling("cash").resolve("counts.txt"),
            terminalId);
    registry.write(jposXml);
    return registry;
  }
}
