package com.kippu.center.user;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Consecutive wrong PINs and the lockout they cause. After {@code max} consecutive failures the
 * user is locked for {@code lockout}; attempts while locked change nothing; a right PIN outside a
 * lockout clears the count.
 */
public record LoginState(int failedAttempts, Optional<Instant> lockedUntil) {
  public static final LoginState CLEAN = new LoginState(0, Optional.empty());

  public boolean lockedAt(Instant now) {
    return lockedUntil.isPresent() && now.isBefore(lockedUntil.get());
  }

  public LoginState after(boolean pinMatched, Instant now, int max, Duration lockout) {
    if (lockedAt(now)) {
      return this;
    }
    if (pinMatched) {
      return CLEAN;
    }
    int failed = failedAttempts + 1;
    return failed >= max
        ? new LoginState(0, Optional.of(now.plus(lockout)))
        : new LoginState(failed, Optional.empty());
  }
}
