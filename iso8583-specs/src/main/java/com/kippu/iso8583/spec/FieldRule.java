package com.kippu.iso8583.spec;

import java.util.Objects;
import java.util.Set;

/**
 * One row of a spec page: a field, whether it is there, what it means and, where the link fixes it,
 * the values it may take.
 *
 * @param condition set exactly when {@code presence} is {@link Presence#CONDITIONAL}
 * @param values the only values allowed; empty when any value of the right format is
 */
public record FieldRule(
    int field, Presence presence, Condition condition, Set<String> values, String meaning) {
  public FieldRule {
    Objects.requireNonNull(presence, "presence");
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(meaning, "meaning");
    if ((presence == Presence.CONDITIONAL) != (condition != null)) {
      throw new IllegalArgumentException(
          "field " + field + ": a condition is required for C and only for C");
    }
    DataElements.of(field);
    values = Set.copyOf(values);
  }

  public static FieldRule mandatory(int field, String meaning) {
    return new FieldRule(field, Presence.MANDATORY, null, Set.of(), meaning);
  }

  public static FieldRule mandatory(int field, Set<String> values, String meaning) {
    return new FieldRule(field, Presence.MANDATORY, null, values, meaning);
  }

  public static FieldRule optional(int field, String meaning) {
    return new FieldRule(field, Presence.OPTIONAL, null, Set.of(), meaning);
  }

  public static FieldRule conditional(int field, Condition condition, String meaning) {
    return new FieldRule(field, Presence.CONDITIONAL, condition, Set.of(), meaning);
  }

  public DataElement element() {
    return DataElements.of(field);
  }
}
