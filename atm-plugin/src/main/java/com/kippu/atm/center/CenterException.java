package com.kippu.atm.center;

/**
 * The issuer center refused a request or could not be reached. {@link #code()} is the center's
 * error code (e.g. {@code SEAT_UNAVAILABLE}) or {@code UNREACHABLE} / {@code BAD_SIGNATURE} for
 * failures found on this side.
 */
public class CenterException extends Exception {
  /**
   * The reservation was issued against another payment: the one sent bought nothing and the center
   * keeps it as refused (it pays for nothing, ever); the terminal reverses it.
   */
  public static final String RESERVATION_ISSUED_OTHER_PAYMENT = "RESERVATION_ISSUED_OTHER_PAYMENT";

  /**
   * The payment sent is recorded for something else, or with other details: it did buy something,
   * so it must not be reversed unseen; staff decide.
   */
  public static final String PAYMENT_ALREADY_USED = "PAYMENT_ALREADY_USED";

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
