package com.kippu.atm.issuing;

/** The card unit could not do what was asked; {@link #reason()} says what the flow must do. */
public final class CardUnitException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the unit failed. */
  public enum Reason {
    /** The hopper asked for has no card left. */
    EMPTY,
    /** The card jammed while being fed and is in the capture bin. */
    JAMMED,
    /** A card is already in the transport. */
    BUSY,
    /** No card is in the transport or slot. */
    NO_CARD,
    /** The face was not printed: the printer failed or could not draw the text. */
    FACE_NOT_PRINTED,
    /** Anything else: offline, power, a fault the unit reports. */
    FAULT
  }

  private final Reason reason;

  public CardUnitException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
