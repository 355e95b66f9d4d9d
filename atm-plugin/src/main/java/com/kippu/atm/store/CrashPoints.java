package com.kippu.atm.store;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Kill points for crash tests, off unless the system property {@value #PROPERTY} is set at start:
 * {@code <point>:<n>} stops the process's progress at the n-th durable commit of that point (it
 * prints {@code CRASH-POINT <point> <n>} on stdout and parks the committing thread for good, so the
 * parent can SIGKILL it exactly there), and {@code count} only counts. A point is the journal
 * ({@value #JOURNAL}) or a group-commit writer, named by its thread name.
 */
public final class CrashPoints {
  /** The system property read once, when this class is first used. */
  public static final String PROPERTY = "kippu.crashpoint";

  /** The terminal journal's point: one per entry committed. */
  public static final String JOURNAL = "journal";

  /** The value of {@value #PROPERTY} that counts commits without stopping anywhere. */
  public static final String COUNT = "count";

  /** The first word of the line printed when a kill point is reached. */
  public static final String MARKER = "CRASH-POINT";

  private static final CrashPoints ACTIVE = parse(System.getProperty(PROPERTY), System.out);

  private final String point;
  private final long at;
  private final PrintStream out;
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  private CrashPoints(String point, long at, PrintStream out) {
    this.point = point;
    this.at = at;
    this.out = out;
  }

  /**
   * The kill points {@code spec} names, reporting on {@code out}; null when {@code spec} is null
   * (the production case: nothing is counted).
   *
   * @throws IllegalArgumentException naming {@value #PROPERTY} when {@code spec} is neither {@code
   *     count} nor {@code <point>:<n>} with n ≥ 1
   */
  static CrashPoints parse(String spec, PrintStream out) {
    if (spec == null) {
      return null;
    }
    if (spec.equals(COUNT)) {
      return new CrashPoints(null, 0, out);
    }
    int colon = spec.lastIndexOf(':');
    long n = -1;
    if (colon > 0) {
      try {
        n = Long.parseLong(spec.substring(colon + 1));
      } catch (NumberFormatException e) {
        n = -1;
      }
    }
    if (n < 1) {
      throw new IllegalArgumentException(
          PROPERTY + " must be \"" + COUNT + "\" or <point>:<n> with n >= 1, not \"" + spec + "\"");
    }
    return new CrashPoints(spec.substring(0, colon), n, out);
  }

  /** Whether commits are counted at all; when false, {@link #committed} costs nothing. */
  public static boolean enabled() {
    return ACTIVE != null;
  }

  /**
   * A commit of {@code point} is durable and its callers are not yet told: counted, and at the
   * configured one the marker is printed and the calling thread never returns.
   */
  public static void committed(String point) {
    if (ACTIVE != null) {
      ACTIVE.reached(point);
    }
  }

  /** Commits counted so far per point, in name order; empty when not {@link #enabled}. */
  public static Map<String, Long> counts() {
    return ACTIVE == null ? Map.of() : ACTIVE.snapshot();
  }

  /** Counts a commit of {@code point}; true when it is the configured kill point. */
  boolean count(String point) {
    Objects.requireNonNull(point, "point");
    long n = counts.computeIfAbsent(point, p -> new AtomicLong()).incrementAndGet();
    return point.equals(this.point) && n == at;
  }

  Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((p, n) -> copy.put(p, n.get()));
    return copy;
  }

  private void reached(String point) {
    if (!count(point)) {
      return;
    }
    out.println(MARKER + " " + point + " " + at);
    out.flush();
    // Parked for good: the parent kills the process here, before anyone learns of the commit.
    while (true) {
      LockSupport.park(this);
    }
  }
}
