package com.kippu.devices;

/**
 * Primary account numbers (PAN, ISO/IEC 7812-1: 8 to 19 digits, the last one a Luhn check digit):
 * the check digit and the masked form that is the only form allowed in logs, toString and events
 * outside the card's own data properties.
 */
public final class Pans {

  private Pans() {}

  /**
   * The Luhn check digit (ISO/IEC 7812-1 Annex B) to append to {@code digits}.
   *
   * @throws IllegalArgumentException when {@code digits} is empty or holds a non-digit
   */
  public static int luhnCheckDigit(String digits) {
    requireDigits(digits);
    int sum = 0;
    boolean twice = true; // the digit next to the check digit is doubled
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return (10 - sum % 10) % 10;
  }

  /** Whether {@code pan} is 8-19 digits whose last digit is the Luhn check digit of the rest. */
  public static boolean isValid(String pan) {
    if (pan == null || pan.length() < 8 || pan.length() > 19 || !allDigits(pan)) {
      return false;
    }
    return luhnCheckDigit(pan.substring(0, pan.length() - 1)) == pan.charAt(pan.length() - 1) - '0';
  }

  /**
   * The PAN with all but the first six and last four digits replaced by {@code *} (PCI DSS display
   * rule); shorter values keep only the last four. Never returns the full number.
   */
  public static String mask(String pan) {
    if (pan == null || pan.isEmpty()) {
      return "";
    }
    int n = pan.length();
    if (n >= 13) {
      return pan.substring(0, 6) + "*".repeat(n - 10) + pan.substring(n - 4);
    }
    if (n > 4) {
      return "*".repeat(n - 4) + pan.substring(n - 4);
    }
    return "*".repeat(n);
  }

  private static void requireDigits(String digits) {
    if (digits == null || digits.isEmpty() || !allDigits(digits)) {
      throw new IllegalArgumentException("expected decimal digits only");
    }
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
