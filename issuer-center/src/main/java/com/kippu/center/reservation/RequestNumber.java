package com.kippu.center.reservation;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The terminal's own number for a reservation request; the center echoes it in the signed
 * reservation info (S1 F1) and uses it, with the terminal id, to make retries idempotent.
 */
public record RequestNumber(String value) {
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_.:-]{1,40}");

  public RequestNumber {
    Objects.requireNonNull(value, "RequestNumber");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("request number must be 1-40 letters, digits or . _ : -");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
