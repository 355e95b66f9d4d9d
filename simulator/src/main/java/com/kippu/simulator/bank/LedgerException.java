package com.kippu.simulator.bank;

/** The ledger's database failed; the operation was rolled back. */
public class LedgerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LedgerException(String message, Throwable cause) {
    super(message, cause);
  }
}
