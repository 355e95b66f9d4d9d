package com.kippu.atm.bank;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A STAN counter held in memory: 1, 2, ... 999999, then 1 again (000000 is skipped because some
 * hosts treat it as absent). Restarting the process restarts the sequence, so production needs a
 * persistent source.
 */
public final class InMemoryStanSource implements StanSource {
  private static final int MAX = 999_999;

  private final AtomicInteger last;

  /** The first STAN handed out will be {@code first}. */
  public InMemoryStanSource(int first) {
    if (first < 1 || first > MAX) {
      throw new IllegalArgumentException("first STAN must be 1..999999: " + first);
    }
    this.last = new AtomicInteger(first - 1);
  }

  public InMemoryStanSource() {
    this(1);
  }

  @Override
  public Stan next() {
    return Stan.of(last.updateAndGet(n -> n >= MAX ? 1 : n + 1));
  }
}
