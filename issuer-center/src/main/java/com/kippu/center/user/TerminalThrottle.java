package com.kippu.center.user;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Wrong user PINs from one terminal, counted in a fixed window: PIN spraying (one or two guesses at
 * each of many user ids) stays under every user's own lockout, so the terminal itself is blocked
 * once {@code max} failures fall in one window, for {@code block}. A right PIN does not clear the
 * count, so a sprayer cannot reset it with a login of his own; while blocked, nothing changes.
 */
public record TerminalThrottle(Instant windowStart, int failures, Optional<Instant> blockedUntil) {
  public static final TerminalThrottle CLEAN =
      new TerminalThrottle(Instant.EPOCH, 0, Optional.empty());

  public boolean blockedAt(Instant now) {
    return blockedUntil.isPresent() && now.isBefore(blockedUntil.get());
  }

  public TerminalThrottle after(
      boolean failed, Instant now, int max, Duration window, Duration block) {
    if (blockedAt(now) || !failed) {
      return this;
    }
    boolean sameWindow = now.isBefore(windowStart.plus(window));
    Instant start = sameWindow ? windowStart : now;
    int count = (sameWindow ? failures : 0) + 1;
    return count >= max
        ? new TerminalThrottle(start, 0, Optional.of(now.plus(block)))
        : new TerminalThrottle(start, count, Optional.empty());
  }
}
