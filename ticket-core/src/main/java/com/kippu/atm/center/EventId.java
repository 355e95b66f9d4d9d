package com.kippu.atm.center;

import java.util.Objects;

/** An event in the issuer center's catalog, e.g. a concert on one date at one venue. */
public record EventId(String value) {
  public EventId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("EventId must not be blank");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
