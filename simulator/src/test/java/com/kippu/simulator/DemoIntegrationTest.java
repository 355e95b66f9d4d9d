package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo command, run in-process against a fresh branch directory. */
class DemoIntegrationTest {
  @TempDir Path dir;

  @Test
  void demoPassesAndLeavesReceiptAndCardView() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit;
    try (Branch branch = Branch.open(dir, Clock.systemUTC());
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      exit = new Demo(branch, out).run();
    }

    String text = printed.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, text);
    assertTrue(text.contains("DEMO PASSED"), text);
    assertTrue(Files.exists(dir.resolve("receipts/receipt-0001.txt")));
    assertTrue(Files.readString(dir.resolve("card-KC-10001.txt")).contains("signature VALID"));
  }

  @Test
  void cardPulledDuringTheTicketWriteFailsTheDemoWithASummary() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit;
    try (Branch branch =
            Branch.open(dir, Clock.systemUTC(), "DEMO-FAULT", java.time.Duration.ofSeconds(1));
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      branch.slot().pullCardDuringNextWrite(Operator.TEAR_AFTER_BYTES);
      exit = new Demo(branch, out).run();
    }

    String text = printed.toString(StandardCharsets.UTF_8);
    assertEquals(1, exit, text);
    assertTrue(text.contains("DEMO FAILED:"), text);
    assertTrue(text.contains("  - session completed: FAILED"), text);
    assertTrue(text.contains("== Summary"), text);
    assertTrue(text.contains("[check] ok     center: reservation"), text);
  }
}
