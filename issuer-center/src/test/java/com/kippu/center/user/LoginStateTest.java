package com.kippu.center.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginStateTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final Duration LOCK = Duration.ofMinutes(30);

  @Test
  void theThirdWrongPinLocksAndTheLockEndsOnTime() {
    LoginState s = LoginState.CLEAN.after(false, T0, 3, LOCK).after(false, T0, 3, LOCK);
    assertEquals(2, s.failedAttempts());
    assertFalse(s.lockedAt(T0));
    s = s.after(false, T0, 3, LOCK);
    assertTrue(s.lockedAt(T0));
    assertEquals(s, s.after(true, T0.plus(Duration.ofMinutes(29)), 3, LOCK), "locked: no change");
    assertEquals(LoginState.CLEAN, s.after(true, T0.plus(LOCK), 3, LOCK));
  }

  @Test
  void aRightPinClearsTheCount() {
    LoginState s = LoginState.CLEAN.after(false, T0, 3, LOCK).after(true, T0, 3, LOCK);
    assertEquals(LoginState.CLEAN, s);
  }
}
