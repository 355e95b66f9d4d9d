package com.kippu.iso8583.spec;

/**
 * One way a message breaks its spec page. The text names the field and the rule, never the field's
 * value, so it may be logged and shown to the sender.
 */
public record Violation(int field, String problem) {
  @Override
  public String toString() {
    DataElement e = DataElements.find(field).orElse(null);
    return "field " + field + (e == null ? "" : " (" + e.name() + ")") + ": " + problem;
  }
}
