package com.kippu.devices.sim;

import com.kippu.devices.jpos.JposRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import jpos.JposException;

/**
 * The simulated devices of one terminal as a jpos.xml: the shipped sample ({@link #RESOURCE},
 * logical names {@link #IC_CARD} and {@link #RECEIPT_PRINTER}) with the simulator's run-time
 * directories and slot put in, written where the plugin's {@code devices.jposXml} points.
 */
public final class SimulatedDevices {

  public static final String RESOURCE = "/com/kippu/devices/sim/jpos-sim.xml";
  public static final String IC_CARD = "ICCardRW";
  public static final String RECEIPT_PRINTER = "ReceiptPrinter";

  private SimulatedDevices() {}

  /**
   * The sample registry with receipts going to {@code receiptDirectory} and the card slot named.
   */
  public static JposRegistry registry(Path receiptDirectory, String slotName) throws JposException {
    return JposRegistry.loadResource(RESOURCE)
        .withProperties(
            RECEIPT_PRINTER,
            Map.of("outputDirectory", receiptDirectory.toAbsolutePath().toString()))
        .withProperties(IC_CARD, Map.of("slotName", slotName));
  }

  /** Writes {@link #registry} to {@code jposXml} and returns it. */
  public static JposRegistry writeJposXml(Path jposXml, Path receiptDirectory, String slotName)
      throws JposException, IOException {
    JposRegistry registry = registry(receiptDirectory, slotName);
    registry.write(jposXml);
    return registry;
  }
}
