package com.kippu.center.reservation;

/**
 * Every business answer of the reservation service. The HTTP edge maps each to one status code; the
 * service never throws for an outcome listed here.
 */
public enum Outcome {
  OK,
  CREATED,
  EVENT_NOT_FOUND,
  SEAT_NOT_FOUND,
  RESERVATION_NOT_FOUND,
  SEAT_UNAVAILABLE,
  REQUEST_NUMBER_REUSED,
  RESERVATION_ISSUED,
  RESERVATION_CANCELLED,
  RESERVATION_EXPIRED,
  CARD_MISMATCH,
  AMOUNT_MISMATCH,
  /**
   * The payment proof (method, acquirer, terminal, reference) already paid for something else, or
   * was recorded with other details: it bought something, so it must not be reversed unseen.
   */
  PAYMENT_ALREADY_USED,
  /**
   * The reservation was issued against another payment proof: this one paid for nothing and its
   * terminal reverses it. It stays recorded as refused, so it can never pay for anything.
   */
  RESERVATION_ISSUED_OTHER_PAYMENT,
  /**
   * The card, or the purse paying, is a pre-valued prepaid card its issuer never activated (S2
   * ¶42-43): worthless, it buys nothing and nothing is sold onto it.
   */
  CARD_NOT_ACTIVE,

  /**
   * The card was reported lost or stolen, or the issuer invalidated it (S2 ¶38-40): nothing is
   * quoted, held, sold or issued onto it. After a payment its terminal takes the payment back.
   */
  CARD_LOST;

  public boolean success() {
    return this == OK || this == CREATED;
  }
}
