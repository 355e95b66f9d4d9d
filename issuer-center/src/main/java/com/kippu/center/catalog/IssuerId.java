package com.kippu.center.catalog;

import java.util.Objects;
import java.util.regex.Pattern;

/** An issuer (promoter) of the catalog, e.g. {@code tokyo-dome-promo}. */
public record IssuerId(String value) {
  private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public IssuerId {
    Objects.requireNonNull(value, "IssuerId");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("not a valid issuer id: " + value);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
