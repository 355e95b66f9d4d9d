package com.kippu.center.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TerminalThrottleTest {
  private static final Duration WINDOW = Duration.ofMinutes(15);
  private static final Instant T0 = Instant.parse("2026-12-01T01:00:00Z");

  private static TerminalThrottle fail(TerminalThrottle t, Instant at) {
    return t.after(true, at, 3, WINDOW, WINDOW);
  }

  @Test
  void theLimitWithinOneWindowBlocksForTheBlockTime() {
    TerminalThrottle t = fail(fail(TerminalThrottle.CLEAN, T0), T0.plusSeconds(60));
    assertFalse(t.blockedAt(T0.plusSeconds(61)));
    t = fail(t, T0.plusSeconds(120));
    assertTrue(t.blockedAt(T0.plusSeconds(121)));
    assertEquals(t, fail(t, T0.plusSeconds(180)), "attempts while blocked change nothing");
    assertEquals(t, t.after(false, T0.plusSeconds(180), 3, WINDOW, WINDOW));
    assertFalse(t.blockedAt(T0.plusSeconds(120).plus(WINDOW)));
  }

  @Test
  void aRightPinDoesNotResetTheCountButANewWindowDoes() {
    TerminalThrottle t = fail(fail(TerminalThrottle.CLEAN, T0), T0.plusSeconds(1));
    assertEquals(t, t.after(false, T0.plusSeconds(2), 3, WINDOW, WINDOW));
    TerminalThrottle later = fail(t, T0.plus(WINDOW).plusSeconds(1));
    assertEquals(1, later.failures(), "failures of an old window do not count");
    assertFalse(later.blockedAt(T0.plus(WINDOW).plusSeconds(2)));
  }
}
