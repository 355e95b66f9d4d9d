package com.kippu.iso8583.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One direction of a message type: the MTIs it travels under (e.g. 0420 and its repeat 0421), who
 * sends it, and its field rules in field order.
 */
public record MessageSide(Set<String> mtis, String direction, List<FieldRule> fields) {
  public MessageSide {
    Objects.requireNonNull(direction, "direction");
    mtis = Set.copyOf(mtis);
    Map<Integer, FieldRule> byField = new TreeMap<>();
    for (FieldRule r : fields) {
      if (byField.put(r.field(), r) != null) {
        throw new IllegalArgumentException("field " + r.field() + " listed twice");
      }
    }
    fields = List.copyOf(byField.values());
  }

  public Optional<FieldRule> rule(int field) {
    return fields.stream().filter(r -> r.field() == field).findFirst();
  }
}
