package com.kippu.devices.sim;

import com.kippu.devices.jpos.JposRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import jpos.JposException;

/**
 * The simulated devices of one terminal as a jpos.xml: the shipped sample ({@link #RESOURCE},
 * logical names {@link #IC_CARD}, {@link #RECEIPT_PRINTER}, {@link #TICKET_PRINTER}, {@link #MSR},
 * {@link #PIN_PAD} and {@link #EMONEY}) with the simulator's run-time directory and terminal id put
 * in, written where the plugin's {@code devices.jposXml} points. The terminal id names the physical
 * units, so several simulated terminals in one JVM never share a card slot, a paper roll, a
 * magnetic stripe reader, a keypad or a power switch.
 */
public final class SimulatedDevices {

  public static final String RESOURCE = "/com/kippu/devices/sim/jpos-sim.xml";
  public static final String IC_CARD = "ICCardRW";
  public static final String RECEIPT_PRINTER = "ReceiptPrinter";
  public static final String TICKET_PRINTER = "TicketPrinter";
  public static final String MSR = "MSR";
  public static final String PIN_PAD = "PINPad";
  public static final String EMONEY = "EMoneyRW";

  private SimulatedDevices() {}

  /**
   * The name of the physical unit behind {@code logicalName} on terminal {@code terminalId}: the
   * key of {@link SimulatedCardSlots}, {@link SimulatedPaper}, {@link SimulatedMagstripes}, {@link
   * SimulatedKeypads}, {@link SimulatedEMoney} and {@link SimulatedHardware}. The IC card's slot is
   * named by the terminal id alone; the e-money reader/writer reads the card in that slot.
   */
  public static String unitName(String terminalId, String logicalName) {
    return IC_CARD.equals(logicalName) ? terminalId : terminalId + "/" + logicalName;
  }

  /**
   * The sample registry with receipts and tickets going to {@code outputDirectory} (files {@code
   * receipt-NNNN} and {@code ticket-NNNN}) and the units named after {@code terminalId}. The PIN
   * pad keeps the sample's development keys; a simulator whose bank host sends PIN keys sets {@code
   * masterKey} to the terminal's master key with {@link JposRegistry#withProperties}.
   */
  public static JposRegistry registry(Path outputDirectory, String terminalId)
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
                "deviceName", unitName(terminalId, EMONEY)));
  }

  /** Writes {@link #registry} to {@code jposXml} and returns it. */
  public static JposRegistry writeJposXml(Path jposXml, Path outputDirectory, String terminalId)
      throws JposException, IOException {
    JposRegistry registry = registry(outputDirectory, terminalId);
    registry.write(jposXml);
    return registry;
  }
}
