package com.kippu.atm.flow.pay;

import com.kippu.atm.spi.Text;
import com.kippu.iso8583.ResponseCode;
import java.util.Optional;

/**
 * How a payment attempt ended, one enum for every rail; each edge maps its own codes onto it (ISO
 * 8583 field 39 here, JavaPOS error codes and the center's HTTP answers in their methods). The flow
 * routes on it: {@link #APPROVED} goes on, {@link #WRONG_PIN} lets the customer try again,
 * everything else returns to the choice of method (S1 ¶58) with its own message.
 */
public enum PaymentOutcome {
  APPROVED,
  INSUFFICIENT_FUNDS,
  /** The e-money purse on the card holds less than the price; nothing moved. */
  INSUFFICIENT_VALUE,
  INVALID_ACCOUNT,
  EXPIRED_CARD,
  WRONG_PIN,
  PIN_TRIES_EXCEEDED,
  ISSUER_UNAVAILABLE,
  /** No answer, or one that could not be trusted: a reversal is queued, the money comes back. */
  NOT_COMPLETED,
  /** The card could not be read, or carries no valid number; nothing was sent. */
  UNREADABLE_CARD,
  /** The card swiped for an account transfer is not a bank's cash card; nothing was sent. */
  NOT_A_CASH_CARD,
  /** The customer cancelled or let the entry time out; nothing was sent. */
  CANCELLED_BY_CUSTOMER,
  /**
   * The cash unit cannot take cash now (jammed, without power); none of the customer's is in it.
   */
  CASH_UNIT_UNAVAILABLE,
  /** The cash unit's box is full; the customer's cash, if any, was returned. */
  CASH_UNIT_FULL,
  /** The change could not be given; the customer's cash was returned. */
  NO_CHANGE,
  /** A fault kept the customer's cash in the unit; it is reported for staff with its amount. */
  CASH_RETAINED,
  /**
   * The card paying with its own value is a pre-valued prepaid card its issuer never activated (S2
   * ¶43): worthless; nothing was taken.
   */
  CARD_NOT_ACTIVATED,
  DECLINED;

  /** What the customer is told. */
  public Text text() {
    return Text.of("payment.outcome." + name());
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
