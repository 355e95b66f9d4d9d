package com.kippu.atm.payment;

/** The customer cancelled PIN entry, or it timed out; nothing was sent. */
public class PinEntryCancelledException extends Exception {
  private static final long serialVersionUID = 1L;

  public PinEntryCancelledException(String message) {
    super(message);
  }
}
