package com.kippu.center.db;

/** A storage failure the caller cannot fix (I/O, constraint broken by a bug); answered as 500. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
