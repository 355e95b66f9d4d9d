package com.kippu.atm.journal;

/** The journal could not be written or read; a flow must not start the side effect it guards. */
public class JournalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }
}
