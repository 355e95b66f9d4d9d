package com.kippu.center.catalog;

import java.util.Objects;
import java.util.regex.Pattern;

/** An event of the catalog, e.g. {@code evt-2026-12-24-dome}. */
public record EventId(String value) {
  private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public EventId {
    Objects.requireNonNull(value, "EventId");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("not a valid event id: " + value);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
