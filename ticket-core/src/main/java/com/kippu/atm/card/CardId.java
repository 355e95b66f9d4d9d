package com.kippu.atm.card;

import java.util.Objects;
import java.util.regex.Pattern;

/** The IC card's own identifier, read from its chip area; it is not a payment card number. */
public record CardId(String value) {
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9-]{4,32}");

  public CardId {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("card id must be 4-32 letters, digits or '-': " + value);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
