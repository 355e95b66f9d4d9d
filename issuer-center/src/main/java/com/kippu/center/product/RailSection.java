package com.kippu.center.product;

import java.util.Objects;

/** A railway section a commuter pass is valid on, and for how many days (S2 ¶21 fares). */
public record RailSection(String line, String fromStation, String toStation, int periodDays) {
  public RailSection {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(fromStation, "fromStation");
    Objects.requireNonNull(toStation, "toStation");
    if (periodDays < 1) {
      throw new IllegalArgumentException("period must be at least one day");
    }
  }
}
