package com.kippu.atm.center;

import java.util.Objects;

/** A seat of an event's seat map, e.g. {@code A-3-7} (section, row, number). */
public record SeatId(String value) {
  public SeatId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("SeatId must not be blank");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
