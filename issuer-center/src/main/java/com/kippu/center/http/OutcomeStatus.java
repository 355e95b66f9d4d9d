package com.kippu.center.http;

import com.kippu.center.reservation.Outcome;

/** The one place a business outcome becomes an HTTP status. */
final class OutcomeStatus {
  private OutcomeStatus() {}

  static int of(Outcome outcome) {
    return switch (outcome) {
      case OK -> 200;
      case CREATED -> 201;
      case EVENT_NOT_FOUND, SEAT_NOT_FOUND, RESERVATION_NOT_FOUND -> 404;
      case SEAT_UNAVAILABLE,
              REQUEST_NUMBER_REUSED,
              RESERVATION_ISSUED,
              RESERVATION_CANCELLED,
              RESERVATION_EXPIRED ->
          409;
      case CARD_MISMATCH, AMOUNT_MISMATCH -> 422;
    };
  }
}
