package com.kippu.center.reservation;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A reservation's number: {@code R} and 10 random letters or digits, unguessable so it can be shown
 * and typed at the ATM without being a key to someone else's hold.
 */
public record ReservationNumber(String value) {
  private static final Pattern FORMAT = Pattern.compile("R[0-9A-Z]{10}");

  public ReservationNumber {
    Objects.requireNonNull(value, "ReservationNumber");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("reservation number must be R and 10 letters or digits");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
