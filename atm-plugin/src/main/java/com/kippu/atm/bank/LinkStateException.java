package com.kippu.atm.bank;

/**
 * The link's SQLite state (STAN counter, reversal queue) could not be read or written; the
 * operation was rolled back. Nothing is sent to the bank when this is thrown before a send.
 */
public class LinkStateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LinkStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
