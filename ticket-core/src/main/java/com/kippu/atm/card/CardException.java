package com.kippu.atm.card;

/** The card could not be read or written, or what it holds is not a valid Kippu record chain. */
public class CardException extends Exception {
  private static final long serialVersionUID = 1L;

  public CardException(String message) {
    super(message);
  }

  public CardException(String message, Throwable cause) {
    super(message, cause);
  }
}
