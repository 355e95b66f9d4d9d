package com.kippu.center.common;

import java.util.regex.Pattern;

/** The shape shared by catalog identifiers: lower-case letters, digits and dashes, 1-63 long. */
public final class Ids {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private Ids() {}

  /** Returns {@code value} when it is a slug, else throws naming {@code what}. */
  public static String slug(String what, String value) {
    if (value == null || !SLUG.matcher(value).matches()) {
      throw new IllegalArgumentException("not a valid " + what + ": " + value);
    }
    return value;
  }
}
