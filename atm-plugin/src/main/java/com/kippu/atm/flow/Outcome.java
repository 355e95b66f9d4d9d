package com.kippu.atm.flow;

import java.util.Objects;

/** What a step decided: go on, go back to an earlier step, or end the session. */
public record Outcome(Kind kind, String target, String reason) {

  /** The decisions a step can take. */
  public enum Kind {
    NEXT,
    BACK_TO,
    CANCEL,
    FAIL
  }

  public Outcome {
    Objects.requireNonNull(kind, "kind");
    target = target == null ? "" : target;
    reason = reason == null ? "" : reason;
  }

  public static Outcome next() {
    return new Outcome(Kind.NEXT, "", "");
  }

  /** Returns to {@code step} (S1 ¶58: a declined payment returns to the choice of method). */
  public static Outcome backTo(Class<?> step, String reason) {
    return new Outcome(Kind.BACK_TO, step.getSimpleName(), reason);
  }

  public static Outcome cancel(String reason) {
    return new Outcome(Kind.CANCEL, "", reason);
  }

  public static Outcome fail(String reason) {
    return new Outcome(Kind.FAIL, "", reason);
  }
}
