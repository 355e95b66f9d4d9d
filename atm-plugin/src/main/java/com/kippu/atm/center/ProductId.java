package com.kippu.atm.center;

import java.util.Objects;

/** A product sold onto a card without a seat (a commuter pass, a prepaid card). */
public record ProductId(String value) {
  public ProductId {
    Objects.requireNonNull(value, "value");
    if (!value.matches("[a-z0-9-]{1,64}")) {
      throw new IllegalArgumentException("product id must be a-z, 0-9 and -: " + value);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
