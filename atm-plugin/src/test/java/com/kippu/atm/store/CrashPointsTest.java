package com.kippu.atm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing of the kill point setting and which commit it stops at. */
class CrashPointsTest {
  private final PrintStream out =
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @Test
  void unsetCountsNothing() {
    assertNull(CrashPoints.parse(null, out));
    assertFalse(CrashPoints.enabled(), "the build's JVM runs without kill points");
    assertEquals(Map.of(), CrashPoints.counts());
  }

  @Test
  void countingStopsNowhere() {
    CrashPoints points = CrashPoints.parse("count", out);
    for (int i = 0; i < 5; i++) {
      assertFalse(points.count("journal"));
    }
    assertFalse(points.count("link-state-writer"));
    assertEquals(Map.of("journal", 5L, "link-state-writer", 1L), points.snapshot());
  }

  @Test
  void stopsAtTheNthCommitOfItsPointOnly() {
    CrashPoints points = CrashPoints.parse("link-state-writer:2", out);
    assertFalse(points.count("link-state-writer"));
    assertFalse(points.count("journal"));
    assertFalse(points.count("journal"), "another point's second commit");
    assertTrue(points.count("link-state-writer"));
    assertFalse(points.count("link-state-writer"), "only the second");
  }

  @Test
  void aPointNameMayHoldColons() {
    CrashPoints points = CrashPoints.parse("ledger:bank-host.db:1", out);
    assertTrue(points.count("ledger:bank-host.db"));
  }

  @Test
  void aBadSettingNamesTheProperty() {
    for (String bad : new String[] {"journal", "journal:0", "journal:x", ":3", ""}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> CrashPoints.parse(bad, out), bad);
      assertTrue(e.getMessage().startsWith("kippu.crashpoint must be"), e.getMessage());
    }
  }
}
