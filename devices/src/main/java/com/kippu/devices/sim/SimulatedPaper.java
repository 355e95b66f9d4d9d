package com.kippu.devices.sim;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The paper rolls of simulated printers, one per printer logical name. A roll starts practically
 * endless; a test or the simulator loads a short roll to make the printer reach near-end and run
 * out mid-ticket. Lengths are in text lines (an image uses its height in lines).
 *
 * <pre>{@code
 * SimulatedPaper.roll("TicketPrinter").load(30, 10); // 30 lines left, near end at 10
 * }</pre>
 */
public final class SimulatedPaper {

  /** Lines on a fresh roll when nobody loaded a short one. */
  public static final int ENDLESS = Integer.MAX_VALUE;

  private static final ConcurrentMap<String, Roll> ROLLS = new ConcurrentHashMap<>();

  private SimulatedPaper() {}

  public static Roll roll(String printer) {
    return ROLLS.computeIfAbsent(printer, n -> new Roll());
  }

  /** Paper sensor states, in the order paper runs down. */
  public enum Level {
    OK,
    NEAR_END,
    EMPTY
  }

  /** One roll; thread-safe. */
  public static final class Roll {
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long remaining = ENDLESS;
    private long nearEndAt;
    private int runOuts;

    private Roll() {}

    /** Puts in a roll with {@code lines} left whose near-end sensor trips at {@code nearEndAt}. */
    public void load(long lines, long nearEndAt) {
      if (lines < 0 || nearEndAt < 0) {
        throw new IllegalArgumentException("lines and nearEndAt must be >= 0");
      }
      synchronized (this) {
        remaining = lines;
        this.nearEndAt = nearEndAt;
      }
      listeners.forEach(Runnable::run);
    }

    /** A fresh endless roll: the operator replaced the paper. */
    public void replenish() {
      load(ENDLESS, 0);
    }

    public synchronized long remaining() {
      return remaining;
    }

    /** How many times output ran out of paper on this roll. */
    public synchronized int runOuts() {
      return runOuts;
    }

    public synchronized Level level() {
      if (remaining == 0) {
        return Level.EMPTY;
      }
      return remaining <= nearEndAt ? Level.NEAR_END : Level.OK;
    }

    /** Uses {@code lines}; false (and the roll is then empty) when fewer are left. */
    boolean consume(long lines) {
      boolean enough;
      synchronized (this) {
        enough = remaining >= lines;
        if (enough) {
          remaining -= lines;
        } else {
          remaining = 0; // the paper ran out part way through
          runOuts++;
        }
      }
      listeners.forEach(Runnable::run);
      return enough;
    }

    void addListener(Runnable l) {
      listeners.add(l);
    }

    void removeListener(Runnable l) {
      listeners.remove(l);
    }
  }
}
