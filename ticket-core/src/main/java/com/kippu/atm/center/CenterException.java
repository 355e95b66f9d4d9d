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

  /**
   * Whether the center may have done what was asked although it did not say so: it could not be
   * reached, its answer was lost or unreadable, or it failed on its side (5xx). A refusal it
   * answered (4xx with an error code) means it did nothing.
   */
  public boolean outcomeUnknown() {
    return code.equals("UNREACHABLE")
        || code.equals("BAD_RESPONSE")
        || code.equals("INTERNAL_ERROR")
        || code.startsWith("HTTP_5");
  }
}
