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
  /** The payment proof (method and bank reference) already paid for something else. */
  PAYMENT_ALREADY_USED;

  public boolean success() {
    return this == OK || this == CREATED;
  }
}
