package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo command, run in-process against fresh branch directories. */
class DemoIntegrationTest {
  @TempDir Path dir;

  private String play(List<DemoScenario> scenarios, int expectedExit) {
    return play(scenarios, Demo.FRESH_BRANCH, expectedExit);
  }

  private String play(List<DemoScenario> scenarios, Demo.Opener opener, int expectedExit) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      exit = new Demo(scenarios, out, opener).run(dir);
    }
    String text = printed.toString(StandardCharsets.UTF_8);
    assertEquals(expectedExit, exit, text);
    return text;
  }

  @Test
  void everyScenarioPassesAndTheRunEndsWithTheCount() throws Exception {
    List<DemoScenario> all = Demo.scenarios();

    String text = play(all, 0);

    String last = text.strip().lines().reduce((a, b) -> b).orElseThrow();
    assertEquals(all.size() + " passed, 0 failed", last, text);
    assertTrue(Files.exists(dir.resolve("transfer/receipts/receipt-0001.txt")));
    assertTrue(
        Files.readString(dir.resolve("transfer/card-KC-10001.txt")).contains("signature VALID"));
  }

  @Test
  void scenarioNamesAreUniqueAndCoverThePaymentJourneysBuiltSoFar() {
    Set<String> names =
        Demo.scenarios().stream().map(DemoScenario::name).collect(Collectors.toSet());

    assertEquals(Demo.scenarios().size(), names.size());
    assertTrue(
        names.containsAll(
            Set.of(
                "transfer",
                "transfer-declined",
                "cash",
                "cash-short",
                "cash-cancel",
                "gate-offline",
                "gate-revoked",
                "gate-copied-card",
                "gate-used-twice",
                "gate-online")),
        names.toString());
  }

  @Test
  void cardPulledDuringTheTicketWriteFailsTheScenarioWithItsChecks() {
    DemoScenario transfer = Demo.find("transfer").orElseThrow();
    Demo.Opener cardPulled =
        (scenario, at) -> {
          Branch branch = Branch.open(at, Clock.systemUTC(), "DEMO-FAULT", Duration.ofSeconds(1));
          branch.slot().pullCardDuringNextWrite(Operator.TEAR_AFTER_BYTES);
          return branch;
        };

    String text = play(List.of(transfer), cardPulled, 1);

    assertTrue(text.contains("--- transfer: FAILED"), text);
    assertTrue(text.contains("  - session completed: FAILED"), text);
    assertTrue(text.contains("[check] ok     customer account debited"), text);
    assertTrue(text.endsWith("0 passed, 1 failed" + System.lineSeparator()), text);
  }
}
