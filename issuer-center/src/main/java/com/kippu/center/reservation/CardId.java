package com.kippu.center.reservation;

import java.util.Objects;
import java.util.regex.Pattern;

/** The customer's IC card, where the ticket is written; not a payment card number. */
public record CardId(String value) {
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9-]{4,32}");

  public CardId {
    Objects.requireNonNull(value, "CardId");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("card id must be 4-32 letters, digits or -");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
