package com.kippu.center.load;

import java.util.Arrays;

/** Request latencies in nanoseconds, kept whole so percentiles are exact (a sale is short). */
final class Latencies {
  private long[] values = new long[1024];
  private int count;

  void add(long nanos) {
    if (count == values.length) {
      values = Arrays.copyOf(values, count * 2);
    }
    values[count++] = nanos;
  }

  int count() {
    return count;
  }

  /** The value at quantile {@code q} (0..1) by the nearest-rank method; 0 when empty. */
  long quantile(double q) {
    if (count == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * count);
    return sorted[Math.min(count, Math.max(1, rank)) - 1];
  }

  /** {@link #quantile} in milliseconds. */
  double millis(double q) {
    return quantile(q) / 1_000_000.0;
  }
}
