package com.kippu.center.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.center.testdb.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The load command end to end at toy scale on the test PostgreSQL: both strategies over real HTTP,
 * and the batched claims on two centers sharing the database, sell every seat, pay for half the
 * holds, oversell nothing, and the report says so. Measures nothing; the figures live in
 * docs/PERFORMANCE.md.
 */
class FlashSaleSmokeIntegrationTest {
  private static final int SEATS = 400;

  @Test
  void bothStrategiesAndTwoNodesSellEverySeatOnceAndIssueEveryPaidOrder() {
    FlashSaleOptions options =
        FlashSaleOptions.parse(
            "--postgres", TestPostgres.newDatabaseUrl(),
            "--seats", Integer.toString(SEATS),
            "--terminals", "25",
            "--rate", "0",
            "--quantity", "2",
            "--pay", "0.5",
            "--warmup-seats", "120",
            "--rounds", "1",
            "--http-threads", "8",
            "--pool", "8",
            "--time-limit", "60",
            "--nodes", "2");
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    List<FlashSale.Figures> figures =
        new FlashSale(options, new PrintStream(report, true, StandardCharsets.UTF_8)).run();

    assertEquals(
        List.of("baseline", "batched", "batched-2n"),
        figures.stream().map(f -> f.strategy()).toList());
    for (FlashSale.Figures f : figures) {
      assertEquals(0, f.oversold(), f.strategy());
      assertEquals(0, f.sale().errorCount(), f.strategy() + " errors: " + f.sale().errors);
      assertEquals(SEATS, f.audit().seatsTaken(), f.strategy() + " sells out");
      assertEquals(SEATS, f.sale().seatsHeld, f.strategy() + ": answers match the database");
      assertEquals(SEATS / 2, f.sale().holds);
      assertEquals(f.sale().issued, f.audit().tickets(), f.strategy() + ": every paid order");
      assertTrue(f.sale().issued > 0, f.strategy() + " paid for some holds");
    }
    String text = report.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("ratio batched/baseline"), text);
    assertTrue(text.contains("oversold seats across all runs: 0"), text);
    assertTrue(text.contains("ratio 2 nodes/1 node"), text);
  }
}
