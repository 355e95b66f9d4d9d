package com.kippu.gate;

import com.kippu.atm.device.JavaPosIcCard;
import com.kippu.devices.IcCardReaderWriter;
import com.kippu.devices.TicketScanner;
import com.kippu.devices.jpos.JposRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import jpos.JposConst;
import jpos.JposException;

/**
 * The gate lane at the console: the IC card reader/writer and the scanner from the gate's {@code
 * jpos.xml}, a card or a printed ticket at a time, and the staff display printed for each.
 */
public final class GateConsole {
  private static final int CARD_WAIT_MS = 300;
  private static final Duration SCAN_WAIT = Duration.ofMillis(300);

  private final Gate gate;
  private final PrintStream out;

  public GateConsole(Gate gate, PrintStream out) {
    this.gate = gate;
    this.out = out;
  }

  /** Serves until the thread is interrupted. */
  public void run() throws JposException {
    GateConfig c = gate.config();
    JposRegistry registry = JposRegistry.load(c.jposXml());
    try (IcCardReaderWriter reader = IcCardReaderWriter.open(registry, c.icCardDevice());
        TicketScanner scanner = TicketScanner.open(registry, c.scannerDevice())) {
      JavaPosIcCard card = new JavaPosIcCard(reader);
      out.println(
          "gate "
              + c.policy().gateId()
              + " at "
              + c.policy().venue()
              + " for "
              + c.policy().events()
              + ": present a card or a printed ticket");
      while (!Thread.currentThread().isInterrupted()) {
        if (reader.awaitCard(CARD_WAIT_MS)) {
          show(gate.lane().presentCard(card));
          reader.awaitRemoval(JposConst.JPOS_FOREVER);
        }
        Optional<byte[]> code = scanner.awaitScan(SCAN_WAIT);
        code.ifPresent(b -> show(gate.lane().presentPaper(b)));
      }
    }
  }

  private void show(GateResult r) {
    r.staffView(gate.config().policy().zone()).forEach(out::println);
  }
}
