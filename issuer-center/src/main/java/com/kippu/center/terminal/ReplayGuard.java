package com.kippu.center.terminal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers the nonce of every authenticated request until its timestamp leaves the allowed clock
 * skew, so a captured request is accepted once: replayed within the window its nonce is known,
 * replayed later its timestamp is stale. Bounded: when {@code capacity} live nonces are held, new
 * requests are refused until some expire, rather than the center running out of memory.
 */
public final class ReplayGuard {
  /** What remembering a nonce found. */
  public enum Use {
    FIRST,
    REPLAYED,
    FULL
  }

  public static final int DEFAULT_CAPACITY = 2_000_000;
  private static final int PURGE_EVERY = 4_096;

  private final Clock clock;
  private final int capacity;
  private final Map<String, Instant> seen = new ConcurrentHashMap<>();
  private final AtomicLong uses = new AtomicLong();

  public ReplayGuard(Clock clock, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.clock = clock;
    this.capacity = capacity;
  }

  public ReplayGuard(Clock clock) {
    this(clock, DEFAULT_CAPACITY);
  }

  /**
   * Remembers {@code nonce} of {@code caller} until {@code forgetAfter}; says whether it was new.
   */
  public Use use(String caller, String nonce, Instant forgetAfter) {
    Instant now = clock.instant();
    if (uses.incrementAndGet() % PURGE_EVERY == 0 || seen.size() >= capacity) {
      seen.values().removeIf(until -> until.isBefore(now));
    }
    if (seen.size() >= capacity) {
      return Use.FULL;
    }
    return seen.putIfAbsent(caller + "\n" + nonce, forgetAfter) == null ? Use.FIRST : Use.REPLAYED;
  }

  /** How many nonces are held now. */
  public int size() {
    return seen.size();
  }
}
