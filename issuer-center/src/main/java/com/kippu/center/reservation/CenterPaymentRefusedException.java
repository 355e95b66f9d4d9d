package com.kippu.center.reservation;

/**
 * A sale's payment proof names the center as acquirer ({@link PaymentProof#CENTER_ACQUIRER}) but
 * the center's own record of that payment (a home PC's, F13) does not back it, or a home PC sent a
 * proof the center cannot check at all: nothing is sold and nothing of the sale is kept. {@link
 * #field()} names the proof's field at fault, relative to the request body.
 */
public final class CenterPaymentRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the center's record does not back the proof; the name is the answer's code. */
  public enum Reason {
    /** The center authorised no such payment for this terminal. */
    PAYMENT_UNKNOWN,
    /** The payment was declined, taken back, or is being taken back. */
    PAYMENT_NOT_APPROVED,
    /** The payment differs from the proof (amount, method, approval code, trace number). */
    PAYMENT_MISMATCH,
    /** The payment already paid for another sale. */
    PAYMENT_ALREADY_USED,
    /**
     * A home PC's proof the center cannot check itself: neither a payment it authorised nor e-money
     * from the card's own purse (cash, or a card or transfer another host approved).
     */
    HOME_PC_PAYMENT_NOT_ALLOWED
  }

  private final Reason reason;
  private final String field;

  public CenterPaymentRefusedException(Reason reason, String field, String message) {
    super(message);
    this.reason = reason;
    this.field = field;
  }

  public Reason reason() {
    return reason;
  }

  /** The field at fault, as the request body names it ({@code payment.amountYen}). */
  public String field() {
    return field;
  }
}
