package com.kippu.atm.flow.pay;

import com.kippu.iso8583.ResponseCode;
import java.util.Optional;

/**
 * How a payment attempt ended, one enum for every rail; each edge maps its own codes onto it (ISO
 * 8583 field 39 here, JavaPOS error codes and the center's HTTP answers in their methods). The flow
 * routes on it: {@link #APPROVED} goes on, {@link #WRONG_PIN} lets the customer try again,
 * everything else returns to the choice of method (S1 ¶58) with its own message.
 */
public enum PaymentOutcome {
  APPROVED("Payment accepted."),
  INSUFFICIENT_FUNDS("Insufficient funds in your account."),
  INVALID_ACCOUNT("The account or card cannot be used."),
  EXPIRED_CARD("Your card has expired."),
  WRONG_PIN("The PIN is not correct. Please try again."),
  PIN_TRIES_EXCEEDED("Too many wrong PIN entries. This card cannot be used."),
  ISSUER_UNAVAILABLE("Your bank is not available now."),
  /** No answer, or one that could not be trusted: a reversal is queued, the money comes back. */
  NOT_COMPLETED("The bank could not be reached."),
  /** The customer cancelled or let the entry time out; nothing was sent. */
  CANCELLED_BY_CUSTOMER("Payment cancelled."),
  DECLINED("The payment was declined.");

  private final String text;

  PaymentOutcome(String text) {
    this.text = text;
  }

  /** What the customer is told. */
  public String text() {
    return text;
  }

  public boolean approved() {
    return this == APPROVED;
  }

  /** ISO 8583 field 39 of a 0210 or 0110, as received; an unknown code is a plain decline. */
  public static PaymentOutcome fromIso(String responseCode) {
    Optional<ResponseCode> code = ResponseCode.find(responseCode);
    if (code.isEmpty()) {
      return DECLINED;
    }
    return switch (code.get()) {
      case APPROVED -> APPROVED;
      case INSUFFICIENT_FUNDS -> INSUFFICIENT_FUNDS;
      case INVALID_ACCOUNT -> INVALID_ACCOUNT;
      case EXPIRED_CARD -> EXPIRED_CARD;
      case INCORRECT_PIN -> WRONG_PIN;
      case PIN_TRIES_EXCEEDED -> PIN_TRIES_EXCEEDED;
      case ISSUER_UNAVAILABLE -> ISSUER_UNAVAILABLE;
      default -> DECLINED;
    };
  }
}
