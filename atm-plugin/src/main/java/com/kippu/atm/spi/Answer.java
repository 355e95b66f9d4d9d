package com.kippu.atm.spi;

/**
 * The customer's answer to a screen: the key of a choice, the text typed into its input field, a
 * cancel, or a timeout.
 */
public record Answer(Kind kind, String key) {

  /** How the screen ended. */
  public enum Kind {
    CHOSEN,
    /** The customer typed {@link #key} into the screen's input field and confirmed it. */
    ENTERED,
    CANCELLED,
    TIMED_OUT
  }

  /** The customer entered {@code text} (a name in Japanese, a phone number, a user id). */
  public static Answer entered(String text) {
    return new Answer(Kind.ENTERED, text == null ? "" : text);
  }

  /** The text entered, when the customer entered text. */
  public java.util.Optional<String> entry() {
    return kind == Kind.ENTERED ? java.util.Optional.of(key) : java.util.Optional.empty();
  }

  public static Answer chose(String key) {
    return new Answer(Kind.CHOSEN, key);
  }

  /** The text typed, when the customer typed one. */
  public java.util.Optional<String> text() {
    return kind == Kind.ENTERED ? java.util.Optional.of(key) : java.util.Optional.empty();
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
