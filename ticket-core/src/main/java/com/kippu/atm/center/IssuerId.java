package com.kippu.atm.center;

import java.util.Objects;

/** A ticket issuer known to the center (promoter, railway, prepaid-card company). */
public record IssuerId(String value) {
  public IssuerId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("IssuerId must not be blank");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
