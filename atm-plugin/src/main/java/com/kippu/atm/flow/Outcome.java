package com.kippu.atm.flow;

import java.util.Objects;
import java.util.Optional;

/**
 * What a step decided: go on, raise a {@link Signal} for the flow to route, or end the session.
 * {@code reason} is journaled; it never holds a secret.
 */
public record Outcome(Kind kind, Optional<Signal> signal, String reason) {

  /** The decisions a step can take. */
  public enum Kind {
    NEXT,
    SIGNAL,
    CANCEL,
    FAIL,
    /**
     * The side effect's outcome is unknown and only asking again later can settle it (an issuance
     * whose answer was lost): nothing is compensated, and the session stays open for recovery.
     */
    UNSETTLED
  }

  public Outcome {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(signal, "signal");
    reason = reason == null ? "" : reason;
    if ((kind == Kind.SIGNAL) != signal.isPresent()) {
      throw new IllegalArgumentException("a signal outcome and only it names a signal");
    }
  }

  public static Outcome next() {
    return new Outcome(Kind.NEXT, Optional.empty(), "");
  }

  /** Raises {@code signal}; the flow file decides where it leads. */
  public static Outcome signal(Signal signal, String reason) {
    return new Outcome(Kind.SIGNAL, Optional.of(signal), reason);
  }

  public static Outcome cancel(String reason) {
    return new Outcome(Kind.CANCEL, Optional.empty(), reason);
  }

  public static Outcome fail(String reason) {
    return new Outcome(Kind.FAIL, Optional.empty(), reason);
  }

  /** Ends the run without compensating anything; recovery settles the session later. */
  public static Outcome unsettled(String reason) {
    return new Outcome(Kind.UNSETTLED, Optional.empty(), reason);
  }
}
