package com.kippu.center.catalog;

import java.util.Objects;
import java.util.regex.Pattern;

/** A seat within one event, written section-row-number, e.g. {@code A-3-7}. */
public record SeatId(String value) {
  private static final Pattern FORMAT = Pattern.compile("[A-Z0-9]{1,8}-[A-Z0-9]{1,4}-[0-9]{1,4}");

  public SeatId {
    Objects.requireNonNull(value, "SeatId");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("not a valid seat id: " + value);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
