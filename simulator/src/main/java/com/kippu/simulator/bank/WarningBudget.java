package com.kippu.simulator.bank;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A per-connection log-flood guard: the first {@link #IN_FULL} warnings of a connection are logged
 * in full, after that only a count at the 10th, 100th, 1000th..., so a terminal that sends nothing
 * but garbage cannot fill the host's log.
 */
final class WarningBudget {
  static final int IN_FULL = 5;

  private final Map<Object, long[]> counts;

  /** {@code counts} keyed by connection; a weak map for keys that die with their connection. */
  WarningBudget(Map<Object, long[]> counts) {
    this.counts = counts;
  }

  /**
   * A budget for keys that do not die with their connection (names): it keeps the {@code
   * connections} most recently warned about, so one whose end was never reported cannot stay
   * forever.
   */
  static WarningBudget bounded(int connections) {
    return new WarningBudget(
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Object, long[]> eldest) {
            return size() > connections;
          }
        });
  }

  /** Counts one more warning on {@code connection} and returns how many it has had. */
  synchronized long next(Object connection) {
    return ++counts.computeIfAbsent(connection, k -> new long[1])[0];
  }

  /** Forgets {@code connection} and returns how many warnings it had. */
  synchronized long forget(Object connection) {
    long[] count = counts.remove(connection);
    return count == null ? 0 : count[0];
  }

  /** Whether the {@code n}th warning of a connection is logged in full. */
  static boolean inFull(long n) {
    return n <= IN_FULL;
  }

  /** Whether the {@code n}th warning, past the ones in full, is logged as a count. */
  static boolean milestone(long n) {
    if (n <= IN_FULL) {
      return false;
    }
    while (n % 10 == 0) {
      n /= 10;
    }
    return n == 1;
  }
}
