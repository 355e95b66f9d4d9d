package com.kippu.atm.payment;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A payment card's primary account number (PAN, ISO 7812: 13-19 digits). Rendered masked (first six
 * and last four digits) everywhere except on the wire to the card's host.
 */
public record CardNumber(String value) {
  private static final Pattern FORMAT = Pattern.compile("\\d{13,19}");

  public CardNumber {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("a card number has 13 to 19 digits");
    }
  }

  /** The form for logs, journals and receipts, e.g. {@code 498000******1234}. */
  public String masked() {
    return value.substring(0, 6)
        + "*".repeat(value.length() - 10)
        + value.substring(value.length() - 4);
  }

  @Override
  public String toString() {
    return masked();
  }
}
