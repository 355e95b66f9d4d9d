package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.CashLedger;
import com.kippu.devices.cash.Denomination;
import com.kippu.simulator.ops.CashClosing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The day's cash closing on a real branch: counted in the morning, a cash sale with change, a
 * cancelled cash payment, a sale whose change was not taken (retracted) and one whose change
 * jammed, a replenishment; only change that reached a customer counts as paid, the retract and the
 * jam are counted, the unit's stock balances with the journal and the records, a note missing from
 * the unit does not, and a collection beyond the stock is refused.
 */
class CashClosingIntegrationTest {
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  @TempDir Path dir;

  @Test
  void aDayOfCashBalancesWithTheUnitAndAMissingNoteDoesNot() throws Exception {
    Branch.open(dir, Clock.systemUTC()).close();
    CashClosing closing = new CashClosing(dir, TOKYO, Clock.systemUTC());
    closing.count("sato");
    long before = CashLedger.read(cashFile()).stock().total(); // nothing in escrow at the start
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (Branch branch = Branch.open(dir, Clock.systemUTC())) {
      DemoRun run = new DemoRun(branch, quiet);
      Demo.find("cash").orElseThrow().play(run);
      Demo.find("cash-cancel").orElseThrow().play(run);
      assertTrue(run.failures().isEmpty(), run.failures().toString());
      // The customer walks away from the change of the next sale: the unit retracts it.
      branch.cashSlot().leaveNextDispense();
      Demo.find("cash").orElseThrow().play(run);
      // The change of the next sale jams after one piece: the unit keeps it, for staff.
      branch.cashSlot().jamNextDispense(1);
      Demo.find("cash").orElseThrow().play(run);
    }
    closing.replenish("1000:10", "sato");
    LocalDate today = LocalDate.now(TOKYO);

    List<String> report = closing.report(today);
    String text = String.join("\n", report);
    assertTrue(CashClosing.balanced(report), text);
    assertTrue(text.contains("deposits 3:"), text);
    assertTrue(
        text.contains("inserted JPY 60,000, change paid JPY 8,000;"),
        "only the first sale's change reached its customer: " + text);
    assertEquals(
        2,
        report.stream().filter(l -> l.contains("change JPY 8,000 (paid out JPY 0)")).count(),
        text);
    assertTrue(text.contains("left to staff JPY 16,000"), text);
    assertTrue(text.contains("; retracted 1x"), text);
    assertTrue(text.contains("; jammed 1x"), text);
    assertTrue(text.contains("  jams 1, retracts 1 "), text);
    assertTrue(text.contains("replenish JPY 10000"), text);
    assertTrue(
        text.contains(
            String.format("last count JPY %,d + kept JPY 52,000 + replenished JPY 10,000", before)),
        "the sales since the morning count are in the balance: " + text);

    assertThrows(IllegalArgumentException.class, () -> closing.collect("10000:999", "sato"));
    assertTrue(CashClosing.balanced(closing.report(today)), "a refused collection moves nothing");

    CashLedger unit = CashLedger.open(cashFile(), CashCounts.empty());
    CashCounts stock = unit.stock();
    unit.adjustStock(stock.minus(CashCounts.of(Denomination.ofYen(1000), 1)), Denomination.YEN);
    List<String> short1000 = closing.report(today);
    assertFalse(CashClosing.balanced(short1000), String.join("\n", short1000));
    assertTrue(
        short1000.get(short1000.size() - 1).contains("DIFFERENCE JPY -1,000"),
        String.join("\n", short1000));
  }

  private Path cashFile() {
    return dir.toAbsolutePath().resolve("cash").resolve("counts.txt");
  }
}
