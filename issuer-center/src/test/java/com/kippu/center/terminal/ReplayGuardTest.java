package com.kippu.center.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
  private static final Instant NOW = Instant.parse("2026-12-01T01:00:00Z");

  @Test
  void aNonceIsAcceptedOncePerCaller() {
    ReplayGuard guard = new ReplayGuard(Clock.fixed(NOW, ZoneOffset.UTC));
    assertEquals(ReplayGuard.Use.FIRST, guard.use("terminal A", "n1", NOW.plusSeconds(300)));
    assertEquals(ReplayGuard.Use.REPLAYED, guard.use("terminal A", "n1", NOW.plusSeconds(300)));
    assertEquals(ReplayGuard.Use.FIRST, guard.use("terminal B", "n1", NOW.plusSeconds(300)));
  }

  @Test
  void aFullGuardRefusesUntilNoncesExpire() {
    ReplayGuard full = new ReplayGuard(Clock.fixed(NOW, ZoneOffset.UTC), 2);
    full.use("t", "n1", NOW.plusSeconds(300));
    full.use("t", "n2", NOW.minusSeconds(1));
    assertEquals(ReplayGuard.Use.FIRST, full.use("t", "n3", NOW.plusSeconds(300)), "n2 expired");
    assertEquals(ReplayGuard.Use.FULL, full.use("t", "n4", NOW.plusSeconds(300)));
    assertEquals(2, full.size());
  }
}
