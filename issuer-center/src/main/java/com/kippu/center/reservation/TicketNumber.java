package com.kippu.center.reservation;

import java.util.Objects;
import java.util.regex.Pattern;

/** A ticket's number: {@code T} and 12 random letters or digits. */
public record TicketNumber(String value) {
  private static final Pattern FORMAT = Pattern.compile("T[0-9A-Z]{12}");

  public TicketNumber {
    Objects.requireNonNull(value, "TicketNumber");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("ticket number must be T and 12 letters or digits");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
