package com.kippu.center.user;

import java.util.Objects;
import java.util.regex.Pattern;

/** A registered user's id (S2 ¶35), chosen at registration: 4-32 letters, digits, _ or -. */
public record UserId(String value) {
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{4,32}");

  public UserId {
    Objects.requireNonNull(value, "UserId");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("user id must be 4-32 letters, digits, _ or -");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
