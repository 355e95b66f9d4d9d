package com.kippu.atm.receipt;

/** The receipt could not be printed; the sale stands, the journal records the missing receipt. */
public class ReceiptException extends Exception {
  private static final long serialVersionUID = 1L;

  public ReceiptException(String message, Throwable cause) {
    super(message, cause);
  }
}
