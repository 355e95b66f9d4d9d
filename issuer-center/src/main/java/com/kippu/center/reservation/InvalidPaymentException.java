package com.kippu.center.reservation;

/**
 * A payment proof that does not carry what its method must carry, or carries what it must not (a
 * full card number). {@link #field()} names the proof's field at fault ({@code
 * details.maskedCard}); the message never repeats the value.
 */
public final class InvalidPaymentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final boolean missing;

  private InvalidPaymentException(String field, String message, boolean missing) {
    super(message);
    this.field = field;
    this.missing = missing;
  }

  static InvalidPaymentException missing(String field, PaymentMethod method) {
    return new InvalidPaymentException(field, "is required for " + method, true);
  }

  static InvalidPaymentException invalid(String field, String why) {
    return new InvalidPaymentException(field, why, false);
  }

  /** The field at fault, relative to the proof. */
  public String field() {
    return field;
  }

  /** True when the field is absent, false when it is present but wrong. */
  public boolean missing() {
    return missing;
  }
}
