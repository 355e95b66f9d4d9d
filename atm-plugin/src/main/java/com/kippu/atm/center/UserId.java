package com.kippu.atm.center;

import java.util.Objects;
import java.util.regex.Pattern;

/** A registered user's id (S2 ¶35), as the center gave it: 4-32 letters, digits, _ or -. */
public record UserId(String value) {
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{4,32}");

  public UserId {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("a user id is 4-32 letters, digits, _ or -");
    }
  }

  /** Whether {@code text} is a well-formed user id. */
  public static boolean valid(String text) {
    return text != null && FORMAT.matcher(text).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
