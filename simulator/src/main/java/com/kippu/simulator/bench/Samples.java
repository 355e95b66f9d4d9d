package com.kippu.simulator.bench;

import java.util.Arrays;

/** Durations of one kind of call, in nanoseconds, and their nearest-rank percentiles. */
final class Samples {
  private long[] nanos = new long[64];
  private int size;

  void add(long duration) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = duration;
  }

  int size() {
    return size;
  }

  /** The durations as one line of decimal nanoseconds, for another process to {@link #parse}. */
  String encode() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < size; i++) {
      b.append(i == 0 ? "" : " ").append(nanos[i]);
    }
    return b.toString();
  }

  static Samples parse(String line) {
    Samples s = new Samples();
    for (String n : line.trim().split(" +")) {
      if (!n.isEmpty()) {
        s.add(Long.parseLong(n));
      }
    }
    return s;
  }

  /** The {@code p}-th percentile (0 < p <= 100) in milliseconds: the nearest-rank value. */
  double percentileMillis(double p) {
    if (size == 0) {
      throw new IllegalStateException("no samples");
    }
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return sorted[Math.max(0, Math.min(size, rank) - 1)] / 1e6;
  }
}
