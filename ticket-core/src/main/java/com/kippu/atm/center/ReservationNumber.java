package com.kippu.atm.center;

import java.util.Objects;

/** The number the issuer center gives a reservation (S1 ¶37); unguessable, printed on receipts. */
public record ReservationNumber(String value) {
  public ReservationNumber {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("ReservationNumber must not be blank");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
