package com.kippu.simulator;

import com.kippu.atm.center.EventSummary;
import com.kippu.atm.device.JavaPosIcCard;
import com.kippu.devices.IcCardReaderWriter;
import com.kippu.devices.TicketScanner;
import com.kippu.devices.jpos.JposRegistry;
import com.kippu.devices.sim.SimulatedCardSlots;
import com.kippu.devices.sim.SimulatedDevices;
import com.kippu.devices.sim.SimulatedScans;
import com.kippu.gate.Gate;
import com.kippu.gate.GateConfig;
import com.kippu.gate.GateResult;
import com.kippu.gate.TicketFiles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import jpos.JposException;

/**
 * A venue gate of the branch's event, for the demo: the gate application's own code ({@link Gate})
 * installed as a venue would install it — the center's root key, the card keys, its own SQLite
 * store and a {@code jpos.xml} with a simulated IC card reader/writer and scanner — and registered
 * at the center as a terminal with its own secret. Cards are presented by putting their image in
 * the gate's slot.
 */
final class GateStation implements AutoCloseable {
  /** A center address nothing listens on: the gate's link is down. */
  static final String UNREACHABLE = "http://127.0.0.1:9/";

  private static final Duration SCAN_WAIT = Duration.ofSeconds(5);

  private final Branch branch;
  private final String gateId;
  private final PrintStream out;
  private final Properties properties;
  private final String slotName;
  private final Gate gate;
  private final IcCardReaderWriter reader;

  private GateStation(Branch branch, String gateId, Properties properties, PrintStream out)
      throws Exception {
    this.branch = branch;
    this.gateId = gateId;
    this.out = out;
    this.properties = properties;
    this.slotName = branch.unitName(gateId);
    this.gate = Gate.open(GateConfig.from(properties), branch.clock());
    IcCardReaderWriter opened = null;
    try {
      opened =
          IcCardReaderWriter.open(
              JposRegistry.load(Path.of(properties.getProperty("devices.jposXml"))),
              SimulatedDevices.IC_CARD);
    } finally {
      if (opened == null) {
        gate.close();
      }
    }
    this.reader = opened;
  }

  /**
   * Installs gate {@code gateId} for {@code event} at the branch: online when {@code centerUrl} is
   * the center's (or {@link #UNREACHABLE}), offline when it is null.
   */
  static GateStation install(
      Branch branch, String gateId, EventSummary event, String centerUrl, PrintStream out)
      throws Exception {
    Properties p = new Properties();
    p.setProperty("gate.id", gateId);
    p.setProperty("gate.venue", event.venue());
    p.setProperty("gate.events", event.eventId().value());
    // The demo runs weeks before the concert: this gate's doors are open from now on.
    Duration untilStart =
        Duration.between(
            branch.clock().instant(), OffsetDateTime.parse(event.startsAt()).toInstant());
    p.setProperty("gate.opensBefore", untilStart.plusHours(3).toString());
    p.setProperty("gate.revocationMaxAge", "PT1H");
    p.setProperty("center.rootKey", Base64.getEncoder().encodeToString(branch.center().rootKey()));
    p.putAll(branch.cardAccessFor(gateId));
    p.setProperty("card.authKey", branch.cardAuthKey());
    p.setProperty("store.file", branch.dir().resolve(gateId + ".db").toString());
    Path jposXml = branch.dir().resolve(gateId + "-jpos.xml");
    SimulatedDevices.gateRegistry(branch.unitName(gateId)).write(jposXml);
    p.setProperty("devices.jposXml", jposXml.toString());
    if (centerUrl != null) {
      byte[] seed = new byte[16];
      new java.security.SecureRandom().nextBytes(seed);
      String secret = HexFormat.of().formatHex(seed);
      branch.center().registerGate(gateId, event.venue(), secret);
      p.setProperty("center.url", centerUrl);
      p.setProperty("center.terminalSecret", secret);
      p.setProperty("center.timeoutMs", "2000");
    }
    return new GateStation(branch, gateId, p, out);
  }

  /**
   * The same gate (same store, same credentials) reopened with its link to the center at {@code
   * centerUrl}, or with no link at all when it is null.
   */
  GateStation relink(String centerUrl) throws Exception {
    Properties p = new Properties();
    p.putAll(properties);
    if (centerUrl == null) {
      p.remove("center.url");
    } else {
      p.setProperty("center.url", centerUrl);
    }
    close();
    out.println(
        "  [gate "
            + gateId
            + "] "
            + (centerUrl == null
                ? "link to the center removed: offline"
                : "link to the center at " + centerUrl));
    return new GateStation(branch, gateId, p, out);
  }

  /** This gate's setting {@code key} changed, reopened on the same store. */
  GateStation with(String key, String value) throws Exception {
    Properties p = new Properties();
    p.putAll(properties);
    p.setProperty(key, value);
    close();
    return new GateStation(branch, gateId, p, out);
  }

  String id() {
    return gateId;
  }

  Gate gate() {
    return gate;
  }

  /** Presents the card whose image is {@code image} at this gate and shows the staff display. */
  GateResult present(Path image, String who) {
    SimulatedCardSlots.Slot slot = SimulatedCardSlots.slot(slotName);
    slot.insert(image);
    try {
      out.println("  [gate " + gateId + "] " + who + " presents card " + image.getFileName());
      GateResult r = gate.lane().presentCard(new JavaPosIcCard(reader));
      r.staffView(gate.config().policy().zone()).forEach(l -> out.println("    " + l));
      return r;
    } finally {
      slot.remove();
    }
  }

  /**
   * Holds the printed ticket {@code png} under this gate's scanner: the picture's QR code, decoded
   * as the gate's own ticket-file reader does, reaches the gate through its JavaPOS scanner, and
   * the staff display is shown.
   */
  GateResult presentPrinted(Path png, String who) throws Exception {
    return presentCode(TicketFiles.read(png), who + " shows printed ticket " + png.getFileName());
  }

  /** The scanner reads {@code code}; the gate decides on what the scanner delivered. */
  GateResult presentCode(byte[] code, String what) throws Exception {
    out.println("  [gate " + gateId + "] " + what);
    SimulatedScans.Window window =
        SimulatedScans.window(SimulatedDevices.unitName(slotName, SimulatedDevices.SCANNER));
    JposRegistry registry = JposRegistry.load(Path.of(properties.getProperty("devices.jposXml")));
    try (TicketScanner scanner = TicketScanner.open(registry, gate.config().scannerDevice())) {
      // The code is held under the scanner until it is enabled and reads it.
      CompletableFuture<Boolean> held =
          CompletableFuture.supplyAsync(
              () -> {
                long until = System.nanoTime() + SCAN_WAIT.toNanos();
                while (System.nanoTime() < until) {
                  if (window.present(code)) {
                    return true;
                  }
                  LockSupport.parkNanos(5_000_000);
                }
                return false;
              });
      byte[] scanned =
          scanner
              .awaitScan(SCAN_WAIT)
              .orElseThrow(() -> new IllegalStateException("the gate's scanner read no code"));
      held.join();
      GateResult r = gate.lane().presentPaper(scanned);
      r.staffView(gate.config().policy().zone()).forEach(l -> out.println("    " + l));
      return r;
    }
  }

  GateResult present(Branch.Customer c) {
    return present(branch.cardFile(c), c.name());
  }

  /** Syncs with the center and prints what it did. */
  List<String> sync() throws Exception {
    List<String> report = gate.sync();
    report.forEach(l -> out.println("  [gate " + gateId + " sync] " + l));
    return report;
  }

  /** The reader of this gate, for reading a card as anyone with a reader can. */
  IcCardReaderWriter reader() {
    return reader;
  }

  String slotName() {
    return slotName;
  }

  @Override
  public void close() throws JposException {
    try {
      reader.close();
    } finally {
      gate.close();
    }
  }
}
