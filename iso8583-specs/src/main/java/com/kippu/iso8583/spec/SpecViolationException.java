package com.kippu.iso8583.spec;

import java.util.List;

/**
 * A message does not conform to its spec page. The message lists the violations by field number and
 * rule; it never contains a field's value (no account number, PAN or PIN block can leak).
 */
public final class SpecViolationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  public SpecViolationException(String messageType, List<Violation> violations) {
    super(messageType + " does not conform to its spec: " + join(violations), null, false, false);
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }

  /** The first violated field, e.g. for a log line or a metric. */
  public int firstField() {
    return violations.isEmpty() ? 0 : violations.get(0).field();
  }

  private static String join(List<Violation> vs) {
    StringBuilder b = new StringBuilder();
    for (Violation v : vs) {
      if (b.length() > 0) {
        b.append("; ");
      }
      b.append(v);
    }
    return b.toString();
  }
}
