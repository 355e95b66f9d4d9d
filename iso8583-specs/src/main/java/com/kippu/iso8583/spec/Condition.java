package com.kippu.iso8583.spec;

import java.util.Objects;
import java.util.function.Predicate;
import org.jpos.iso.ISOMsg;

/**
 * When a conditional field is present, as prose for the spec page and as a predicate for the
 * validator, so the two cannot say different things.
 *
 * @param exclusive true: the field is required when the predicate holds and forbidden otherwise;
 *     false: required when it holds, optional otherwise
 */
public record Condition(String text, Predicate<ISOMsg> holds, boolean exclusive) {
  public Condition {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(holds, "holds");
  }

  /** Present if and only if {@code holds}. */
  public static Condition onlyWhen(String text, Predicate<ISOMsg> holds) {
    return new Condition(text, holds, true);
  }

  /** Required when {@code holds}, allowed otherwise. */
  public static Condition requiredWhen(String text, Predicate<ISOMsg> holds) {
    return new Condition(text, holds, false);
  }

  /** Predicate: field {@code field} has the value {@code value}. */
  public static Predicate<ISOMsg> fieldIs(int field, String value) {
    return m -> value.equals(m.getString(field));
  }

  /** Predicate: field {@code field} starts with {@code prefix}. */
  public static Predicate<ISOMsg> fieldStartsWith(int field, String prefix) {
    return m -> {
      String v = m.getString(field);
      return v != null && v.startsWith(prefix);
    };
  }

  /**
   * Predicate: a field above 64 other than 128 is present, so the message carries a secondary
   * bitmap and its MAC goes in 128 (ISO 8583:1987: the MAC is the last field of the message).
   */
  public static boolean hasSecondaryFields(ISOMsg m) {
    for (int i = 65; i < 128; i++) {
      if (m.hasField(i)) {
        return true;
      }
    }
    return false;
  }
}
