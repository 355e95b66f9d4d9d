package com.kippu.center.common;

import java.util.Objects;

/**
 * A service's answer: its outcome (one enum per service, mapped to HTTP at the edge) with a value
 * on success, or a message and the request field at fault on refusal.
 */
public record Answer<O extends Enum<O>, T>(O outcome, T value, String message, String field) {

  public Answer {
    Objects.requireNonNull(outcome, "outcome");
  }

  public static <O extends Enum<O>, T> Answer<O, T> of(O outcome, T value) {
    return new Answer<>(outcome, Objects.requireNonNull(value, "value"), null, null);
  }

  public static <O extends Enum<O>, T> Answer<O, T> refused(
      O outcome, String message, String field) {
    return new Answer<>(outcome, null, message, field);
  }

  public boolean success() {
    return value != null;
  }
}
