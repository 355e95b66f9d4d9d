package com.kippu.atm.bank;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * System trace audit number (ISO 8583 field 11, n6): identifies one transmission of one terminal
 * together with the transmission date and time (field 7). Never 000000.
 */
public record Stan(String value) {
  private static final Pattern FORMAT = Pattern.compile("\\d{6}");

  public Stan {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches() || "000000".equals(value)) {
      throw new IllegalArgumentException("STAN must be six digits, not 000000: " + value);
    }
  }

  /** The STAN numbered {@code n}, 1..999999. */
  public static Stan of(int n) {
    return new Stan(String.format("%06d", n));
  }

  @Override
  public String toString() {
    return value;
  }
}
