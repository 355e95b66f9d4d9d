package com.kippu.atm.spi;

/** The customer's answer to a screen: the key of a choice, a cancel, or a timeout. */
public record Answer(Kind kind, String key) {

  /** How the screen ended. */
  public enum Kind {
    CHOSEN,
    CANCELLED,
    TIMED_OUT
  }

  public static Answer chose(String key) {
    return new Answer(Kind.CHOSEN, key);
  }

  public static Answer cancel() {
    return new Answer(Kind.CANCELLED, "");
  }

  public static Answer timeout() {
    return new Answer(Kind.TIMED_OUT, "");
  }

  public boolean is(String choiceKey) {
    return kind == Kind.CHOSEN && key.equals(choiceKey);
  }
}
