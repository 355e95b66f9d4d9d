package com.kippu.center.user;

import java.util.regex.Pattern;

/** A user's PIN: 4 to 12 digits. Never printed: {@link #toString} masks it. */
public final class Pin {
  private static final Pattern FORMAT = Pattern.compile("[0-9]{4,12}");

  private final char[] digits;

  public Pin(String digits) {
    if (digits == null || !FORMAT.matcher(digits).matches()) {
      throw new IllegalArgumentException("PIN must be 4 to 12 digits");
    }
    this.digits = digits.toCharArray();
  }

  /**
   * A copy of the digits, for the one check or host message that needs them; the caller wipes it.
   */
  public char[] digits() {
    return digits.clone();
  }

  @Override
  public String toString() {
    return "Pin[****]";
  }
}
