package com.kippu.atm.center;

/**
 * The issuer center refused a request or could not be reached. {@link #code()} is the center's
 * error code (e.g. {@code SEAT_UNAVAILABLE}) or {@code UNREACHABLE} / {@code BAD_SIGNATURE} for
 * failures found on this side.
 */
public class CenterException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String code;

  public CenterException(String code, String message) {
    super(message);
    this.code = code;
  }

  public CenterException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
