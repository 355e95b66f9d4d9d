package com.kippu.gate.store;

/** The gate's store could not be read or written; the gate must not admit without it. */
public final class GateStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GateStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
