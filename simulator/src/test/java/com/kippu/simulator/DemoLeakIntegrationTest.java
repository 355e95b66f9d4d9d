package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.payment.CardNumber;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every demo scenario — every payment method and terminal kind — on real branches, with every log
 * record captured at every level and the terminal's traffic to the issuer center recorded; then no
 * full card number (cash card, debit, credit, prepaid) may appear in any log, in that traffic or in
 * any file the branch wrote (journal, link states, ledgers, center database, receipts, card
 * images), and no PIN in any log or the center's traffic.
 */
class DemoLeakIntegrationTest {
  @TempDir Path dir;

  @Test
  void noScenarioLeavesACardNumberOrPinInLogsCenterTrafficOrFiles() throws Exception {
    List<RecordingProxy> proxies = new CopyOnWriteArrayList<>();
    Demo.Opener recorded =
        (scenario, at) ->
            Branch.open(
                at,
                Clock.systemUTC(),
                scenario.name(),
                Branch.PRESENT_TIMEOUT,
                scenario.kind(),
                center -> {
                  try {
                    RecordingProxy proxy = new RecordingProxy(center);
                    proxies.add(proxy);
                    return proxy.uri();
                  } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                  }
                });
    Capture capture = new Capture();
    Logger root = Logger.getLogger("");
    Level previous = root.getLevel();
    root.addHandler(capture);
    root.setLevel(Level.ALL);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      exit = new Demo(Demo.scenarios(), out, recorded).run(dir);
    } finally {
      root.removeHandler(capture);
      root.setLevel(previous);
      for (RecordingProxy p : proxies) {
        p.close();
      }
    }
    assertEquals(0, exit, printed.toString(StandardCharsets.UTF_8));

    List<String> pans = new ArrayList<>();
    for (Branch.Customer c : Branch.CUSTOMERS) {
      pans.add(CardNumber.ofCashAccount(c.account()).value());
    }
    BranchCards.CARDS.forEach(c -> pans.add(c.number().value()));
    Pattern pins = Pattern.compile("\\b(" + String.join("|", Branch.DEMO_PINS.values()) + ")\\b");

    String logs = capture.text();
    String traffic = String.join("\n", proxies.stream().map(RecordingProxy::text).toList());
    assertTrue(logs.length() > 10_000, "logs were captured");
    assertTrue(traffic.contains("POST /v1/"), "the center's traffic was recorded");
    for (String pan : pans) {
      assertFalse(logs.contains(pan), "a log record holds a full card number");
      assertFalse(traffic.contains(pan), "the center's traffic holds a full card number");
    }
    // The PINs are four digits: searched in the product's own records, where a PIN would be
    // written as such; the JDK's and libraries' debug records are full of byte counts.
    String ours = capture.ours();
    java.util.regex.Matcher inLogs = pins.matcher(ours);
    assertFalse(
        inLogs.find(),
        () ->
            "a log record holds a PIN: "
                + ours.substring(Math.max(0, inLogs.start() - 300), inLogs.end()));
    assertFalse(pins.matcher(traffic).find(), "the center's traffic holds a PIN");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertTrue(files.size() > 50, files.size() + " files");
    for (Path f : files) {
      String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      for (String pan : pans) {
        assertFalse(content.contains(pan), dir.relativize(f) + " holds a full card number");
      }
    }
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
