package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.payment.CardNumber;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every demo scenario — every payment method and terminal kind — on real branches, with every log
 * record captured at every level, the branch log written as the demo command writes it, and the
 * terminal's traffic to the issuer center, the bank host and the card network recorded through
 * proxies. The secrets looked for: every demo customer's PIN (in a PIN context, as a quoted value
 * or as a whole database cell), the full number of every card used (cash cards, debit, credit,
 * prepaid: those the branch issues and every field 2 the terminal sent), every PIN block the
 * terminal sent (field 52, read back from the ISO traffic) and the clear ISO 9564 block of every
 * demo PIN with every card. None may appear in any file the branch leaves (journal, link states,
 * bank-host and card-network databases, center database, receipts, card images, the log), in any
 * log record, in the demo's console output or in the center's traffic. On the ISO links the card
 * number may travel only in a request's PAN or track field and a PIN block only in field 52 of a
 * request to the bank host, never as a clear PIN block ({@link IsoLeaks}).
 *
 * <p>Then the same scanner is shown to find secrets planted in copies of the files, so a scanner
 * that finds nothing cannot pass for a clean run.
 */
class DemoLeakIntegrationTest {
  /** The files every scenario's branch leaves, each of which must have been scanned. */
  private static final List<String> BRANCH_FILES =
      List.of(
          "journal.db",
          "bank-link.db",
          "card-network-link.db",
          "bank-host.db",
          "card-network.db",
          "issuer-center.db");

  @TempDir Path dir;

  /** The terminal's traffic to one host, recorded by a proxy in front of it. */
  private record HostTraffic(Link link, RecordingProxy proxy) {}

  @Test
  void noScenarioLeavesACardNumberPinOrPinBlockInFilesLogsOrTraffic() throws Exception {
    List<RecordingProxy> centers = new CopyOnWriteArrayList<>();
    List<HostTraffic> hosts = new CopyOnWriteArrayList<>();
    Demo.Opener recorded = (scenario, at) -> openRecorded(scenario, at, centers, hosts);
    Capture capture = new Capture();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit;
    // The branch log as the demo command writes it (INFO and up), and every record in memory.
    BranchLog.configure(dir);
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    root.setLevel(Level.ALL);
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      exit = new Demo(Demo.scenarios(), out, recorded).run(dir);
    } finally {
      // Closes the log file too, so it is complete before it is scanned.
      LogManager.getLogManager().readConfiguration();
      for (RecordingProxy p : centers) {
        p.close();
      }
      for (HostTraffic h : hosts) {
        h.proxy().close();
      }
    }
    assertEquals(0, exit, printed.toString(StandardCharsets.UTF_8));

    List<IsoTraffic.Message> iso = new ArrayList<>();
    hosts.forEach(h -> iso.addAll(IsoTraffic.read(h.link(), h.proxy())));
    Set<String> pinBlocks = pinBlocks(iso);
    Set<String> pans = cardNumbers(iso);
    // The cash cards' PINs and the registered users' PINs (typed on the PIN pad for the center).
    List<String> pins = new ArrayList<>(Branch.DEMO_PINS.values());
    pins.addAll(UserScenarios.DEMO_USER_PINS);
    // A PIN block sent, or the clear block of a demo PIN with any card (a decrypted one written).
    Set<String> blocks = new LinkedHashSet<>(pinBlocks);
    blocks.addAll(IsoLeaks.clearBlocks(pins, pans));
    LeakScanner scanner = new LeakScanner(pans, blocks, pins);
    List<String> findings = new ArrayList<>();

    findings.addAll(IsoLeaks.findings(iso, pans, pinBlocks, pins));
    findings.addAll(scanner.scan("demo output", printed.toString(StandardCharsets.UTF_8)));

    String logs = capture.text();
    assertTrue(logs.length() > 10_000, "logs were captured");
    findings.addAll(scanner.scan("log records", logs));
    // In the product's own records a PIN is also searched as four digits standing alone; the
    // JDK's and libraries' debug records are full of byte counts. A group of a UUID (request ids,
    // nonces) or of another hex token is not standing alone: its neighbours are hex or '-'.
    Pattern barePin =
        Pattern.compile("(?<![0-9A-Za-z-])(" + String.join("|", pins) + ")(?![0-9A-Za-z-])");
    java.util.regex.Matcher inLogs = barePin.matcher(capture.ours());
    if (inLogs.find()) {
      findings.add(
          "a product log record holds a PIN: "
              + capture.ours().substring(Math.max(0, inLogs.start() - 300), inLogs.end()));
    }

    String centerTraffic = String.join("\n", centers.stream().map(RecordingProxy::text).toList());
    assertTrue(centerTraffic.contains("POST /v1/"), "the center's traffic was recorded");
    findings.addAll(scanner.scan("center traffic", centerTraffic));
    if (barePin.matcher(centerTraffic).find()) {
      findings.add("center traffic: a PIN as four digits standing alone");
    }

    List<Path> files = files(dir);
    assertEveryBranchFileIsThere(files);
    for (Path f : files) {
      findings.addAll(scanner.scanFile(f));
    }
    assertEquals(List.of(), findings, "secrets found");

    assertPlantedLeaksAreFound(scanner, pinBlocks, pans);
  }

  /** A branch for {@code scenario} whose terminal reaches the center and both hosts via proxies. */
  private static Branch openRecorded(
      DemoScenario scenario, Path at, List<RecordingProxy> centers, List<HostTraffic> hosts)
      throws Exception {
    List<RecordingProxy> routed = new ArrayList<>();
    Branch branch =
        Branch.open(
            at,
            // As the demo opens it: scenarios that let days pass move this clock.
            new DemoClock(Clock.systemUTC()),
            scenario.name(),
            Branch.PRESENT_TIMEOUT,
            scenario.kind(),
            center -> {
              RecordingProxy proxy = proxy(() -> new RecordingProxy(center));
              centers.add(proxy);
              return proxy.uri();
            },
            port -> {
              RecordingProxy proxy = proxy(() -> new RecordingProxy(port));
              routed.add(proxy);
              return proxy.port();
            });
    for (RecordingProxy p : routed) {
      Link link = p.targetPort() == branch.bank().port() ? Link.BANK_HOST : Link.CARD_NETWORK;
      hosts.add(new HostTraffic(link, p));
    }
    assertEquals(2, routed.size(), "a proxy in front of the bank host and the card network");
    return branch;
  }

  private interface ProxyStart {
    RecordingProxy start() throws IOException;
  }

  private static RecordingProxy proxy(ProxyStart start) {
    try {
      return start.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Field 52 of every request the terminal sent to the bank host. */
  private static Set<String> pinBlocks(List<IsoTraffic.Message> iso) {
    Set<String> blocks = new LinkedHashSet<>();
    for (IsoTraffic.Message m : iso) {
      if (m.fromTerminal() && m.link() == Link.BANK_HOST && m.field(Field.PIN_BLOCK) != null) {
        blocks.add(m.field(Field.PIN_BLOCK));
      }
    }
    // Transfers (with a wrong PIN among them), debits and the home PC's transfer all send one.
    assertTrue(blocks.size() >= 5, blocks.size() + " PIN blocks captured");
    return blocks;
  }

  /** The branch's cards, and every card number the terminal sent in field 2. */
  private static Set<String> cardNumbers(List<IsoTraffic.Message> iso) {
    Set<String> pans = new LinkedHashSet<>();
    for (Branch.Customer c : Branch.CUSTOMERS) {
      pans.add(CardNumber.ofCashAccount(c.account()).value());
    }
    BranchCards.CARDS.forEach(c -> pans.add(c.number().value()));
    // Hanako's cash card of another bank, swiped for an account transfer (S1 ¶56).
    pans.add(BranchCards.OTHER_BANK_CASH_CARD.number().value());
    int known = pans.size();
    iso.stream()
        .filter(m -> m.fromTerminal() && m.field(Field.PAN) != null)
        .forEach(m -> pans.add(m.field(Field.PAN)));
    assertEquals(known, pans.size(), "the terminal sent only the branch's cards: " + pans);
    assertTrue(
        iso.stream().anyMatch(m -> m.field(Field.PAN) != null), "card numbers in field 2 captured");
    return pans;
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  /** Every scenario left its databases, and the branch log is there: the scan saw them all. */
  private void assertEveryBranchFileIsThere(List<Path> files) throws IOException {
    for (DemoScenario scenario : Demo.scenarios()) {
      for (String name : BRANCH_FILES) {
        Path expected = dir.resolve(scenario.name()).resolve(name);
        assertTrue(files.contains(expected), expected + " was not left to scan");
      }
    }
    Path log = dir.resolve(BranchLog.FILE_NAME);
    assertTrue(files.contains(log), "the branch log was not left to scan");
    assertTrue(Files.size(log) > 10_000, "the branch log holds the run");
  }

  /**
   * The scanner finds each kind of secret where a careless change would put it: a PIN block
   * journaled as hex, its raw bytes in a binary file, a PIN as a JSON value and as a database cell,
   * a PIN, a clear PIN block and a card number written to the log or a receipt, a card number in
   * the center's traffic; and the ISO rules find a card number in a response, a PIN block on the
   * card network or outside field 52, and a clear PIN block in field 52.
   */
  private void assertPlantedLeaksAreFound(
      LeakScanner scanner, Set<String> pinBlocks, Set<String> pans) throws Exception {
    String block = pinBlocks.iterator().next();
    String pan = pans.iterator().next();
    List<String> pins = List.copyOf(Branch.DEMO_PINS.values());
    String pin = pins.get(0);
    String clear = IsoLeaks.clearFormat0(pin, pan);
    Path planted = Files.createDirectories(dir.resolve("planted"));

    Path journal = Files.copy(dir.resolve("transfer").resolve("journal.db"), planted.resolve("j"));
    plantJournalRow(journal, "f", "{\"pinBlock\":\"" + block + "\"}");
    assertFound(scanner.scanFile(journal), "PIN block " + block.substring(0, 4));
    Path quoted = Files.copy(dir.resolve("transfer").resolve("journal.db"), planted.resolve("q"));
    plantJournalRow(quoted, "f", "{\"entered\":\"" + pin + "\"}");
    assertFound(scanner.scanFile(quoted), "PIN in a PIN context");
    Path cell = Files.copy(dir.resolve("transfer").resolve("journal.db"), planted.resolve("c"));
    plantJournalRow(cell, pin, "{}");
    assertFound(scanner.scanFile(cell), "PIN as the whole of journal.");

    Path linkState =
        Files.copy(dir.resolve("transfer").resolve("bank-link.db"), planted.resolve("l"));
    Files.write(linkState, HexFormat.of().parseHex(block), StandardOpenOption.APPEND);
    assertFound(scanner.scanFile(linkState), "as raw bytes");

    Path log = Files.copy(dir.resolve(BranchLog.FILE_NAME), planted.resolve("log"));
    Files.writeString(log, "INFO transfer pin=" + pin + "\n", StandardOpenOption.APPEND);
    assertFound(scanner.scanFile(log), "PIN in a PIN context");
    Path decrypted = Files.copy(dir.resolve(BranchLog.FILE_NAME), planted.resolve("log2"));
    Files.writeString(
        decrypted,
        "FINE block " + clear.toLowerCase(Locale.ROOT) + "\n",
        StandardOpenOption.APPEND);
    assertFound(scanner.scanFile(decrypted), "PIN block " + clear.substring(0, 4));

    Path receipt = Files.createFile(planted.resolve("receipt.txt"));
    Files.writeString(receipt, "CARD " + pan + "\n");
    assertFound(scanner.scanFile(receipt), "full card number");
    String grouped = pan.replaceAll("(\\d{4})(?=\\d)", "$1 ");
    assertFound(scanner.scan("center", "POST /v1/x\n{\"card\":\"" + grouped + "\"}"), "full card");

    List<IsoTraffic.Message> iso =
        List.of(
            new IsoTraffic.Message(Link.BANK_HOST, false, "0210", Map.of(Field.PAN, pan)),
            new IsoTraffic.Message(Link.CARD_NETWORK, true, "0100", Map.of(Field.PIN_BLOCK, block)),
            new IsoTraffic.Message(Link.BANK_HOST, true, "0200", Map.of(48, "X" + block)),
            new IsoTraffic.Message(Link.BANK_HOST, true, "0200", Map.of(Field.PIN_BLOCK, clear)));
    List<String> isoFound = IsoLeaks.findings(iso, pans, pinBlocks, pins);
    assertFound(isoFound, "0210 to the terminal field 2: a full card number");
    assertFound(isoFound, "card-network 0100 from the terminal field 52: a PIN block where none");
    assertFound(isoFound, "0200 from the terminal field 48: a PIN block");
    assertFound(isoFound, "0200 from the terminal field 52: a clear PIN");
  }

  /** Adds a journal row with {@code flow} and {@code payload} to a copy of a journal database. */
  private static void plantJournalRow(Path journal, String flow, String payload) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + journal);
        PreparedStatement ps =
            c.prepareStatement("INSERT INTO journal VALUES ('planted', 1, ?, 's', ?, 'now')")) {
      ps.setString(1, flow);
      ps.setString(2, payload);
      ps.executeUpdate();
    }
  }

  private static void assertFound(List<String> findings, String expected) {
    assertTrue(
        findings.stream().anyMatch(f -> f.contains(expected)),
        "planted leak not found (" + expected + "): " + findings);
  }

  /** Every record, formatted with its parameters and stack trace. */
  private static final class Capture extends Handler {
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder ours = new StringBuilder();

    @Override
    public synchronized void publish(LogRecord r) {
      String line = new SimpleFormatter().format(r);
      if (r.getThrown() != null) {
        StringWriter trace = new StringWriter();
        r.getThrown().printStackTrace(new PrintWriter(trace));
        line += trace;
      }
      text.append(line);
      if (r.getLoggerName() != null && r.getLoggerName().startsWith("com.kippu")) {
        ours.append(line);
      }
    }

    synchronized String text() {
      return text.toString();
    }

    /** The records of the product's own loggers. */
    synchronized String ours() {
      return ours.toString();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
