package com.kippu.atm.bank;

import java.util.Objects;

/**
 * System trace audit number (ISO 8583 field 11, n6): identifies one transmission of one terminal
 * together with the transmission date and time (field 7). Never 000000.
 */
public record Stan(String value) {
  public Stan {
    Objects.requireNonNull(value, "value");
    if (!isSixDigits(value) || "000000".equals(value)) {
      throw new IllegalArgumentException("STAN must be six digits, not 000000: " + value);
    }
  }

  /** The STAN numbered {@code n}, 1..999999. */
  public static Stan of(int n) {
    return new Stan(BankMessages.zeroPadded(n, 6));
  }

  private static boolean isSixDigits(String v) {
    if (v.length() != 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return value;
  }
}
