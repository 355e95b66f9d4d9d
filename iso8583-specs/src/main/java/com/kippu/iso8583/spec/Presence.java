package com.kippu.iso8583.spec;

/** Whether a field must, may or must not appear; the letter is the spec pages' M/C/O column. */
public enum Presence {
  /** Always present. */
  MANDATORY("M"),
  /** Present exactly when its {@link Condition} holds (or at least then, when not exclusive). */
  CONDITIONAL("C"),
  /** May be present. */
  OPTIONAL("O");

  private final String letter;

  Presence(String letter) {
    this.letter = letter;
  }

  public String letter() {
    return letter;
  }
}
