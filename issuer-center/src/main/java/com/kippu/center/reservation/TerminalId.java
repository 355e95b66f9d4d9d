package com.kippu.center.reservation;

import java.util.Objects;
import java.util.regex.Pattern;

/** The ATM or kiosk sending the request (header {@code X-Terminal-Id}). */
public record TerminalId(String value) {
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

  public TerminalId {
    Objects.requireNonNull(value, "TerminalId");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("terminal id must be 1-32 letters, digits, . _ or -");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
