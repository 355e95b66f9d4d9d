package com.kippu.center.http;

import com.kippu.center.card.CardOutcome;
import com.kippu.center.issuer.AccountOutcome;
import com.kippu.center.issuer.PublishOutcome;
import com.kippu.center.reservation.CenterPaymentRefusedException;
import com.kippu.center.reservation.Outcome;
import com.kippu.center.user.UserOutcome;
import com.kippu.center.verify.Verdict;

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
              RESERVATION_EXPIRED,
              PAYMENT_ALREADY_USED,
              RESERVATION_ISSUED_OTHER_PAYMENT,
              CARD_NOT_ACTIVE ->
          409;
      case CARD_MISMATCH, AMOUNT_MISMATCH -> 422;
      case CARD_LOST -> 410;
    };
  }

  static int of(AccountOutcome outcome) {
    return switch (outcome) {
      case CREATED -> 201;
      case UPDATED, BANK_ACCOUNT_CHANGED, SECRET_ROTATED, DEACTIVATED -> 200;
      case ISSUER_NOT_FOUND -> 404;
      case NO_PENDING_CHANGE -> 409;
      case SAME_OPERATOR -> 403;
    };
  }

  static int of(PublishOutcome outcome) {
    return switch (outcome) {
      case CREATED -> 201;
      case UPDATED -> 200;
      case NOT_YOUR_EVENT, NOT_YOUR_PRODUCT -> 403;
      case WRONG_ISSUER_KIND -> 422;
      case SEAT_NOT_AVAILABLE -> 409;
    };
  }

  static int of(UserOutcome outcome) {
    return switch (outcome) {
      case REGISTERED -> 201;
      case OK -> 200;
      case USER_EXISTS, CARD_OF_ANOTHER_USER -> 409;
      case AUTH_FAILED -> 401;
      case USER_LOCKED -> 423;
      case TERMINAL_THROTTLED -> 429;
      case CARD_NOT_PRESENT, IDENTITY_NOT_CHECKED, SIGN_IN_NOT_VALID -> 403;
      case USER_NOT_FOUND -> 404;
      case INVALID_PHOTO, NOT_THE_REGISTERED_NAME -> 422;
    };
  }

  static int of(CardOutcome outcome) {
    return switch (outcome) {
      case OK, REISSUED, ACTIVATED, RECHARGED -> 200;
      case AUTH_FAILED -> 401;
      case USER_LOCKED -> 423;
      case TERMINAL_THROTTLED -> 429;
      case CARD_NOT_LINKED, NOT_YOUR_PRODUCT, CARD_NOT_PRESENT -> 403;
      case CARD_UNKNOWN, PRODUCT_NOT_FOUND, TICKET_NOT_FOUND -> 404;
      case CARD_NOT_LOST,
              NEW_CARD_UNUSABLE,
              REISSUED_TO_OTHER_CARD,
              CARD_NOT_ACTIVE,
              CARD_ALREADY_ACTIVE,
              PAYMENT_ALREADY_USED,
              TICKET_USED,
              ISSUER_REFUSED ->
          409;
      case ISSUER_UNAVAILABLE -> 503;
      case CARD_LOST -> 410;
      case AMOUNT_MISMATCH, VALUE_LIMIT, DAILY_LIMIT -> 422;
    };
  }

  static int of(com.kippu.center.sales.ProductSaleOutcome outcome) {
    return switch (outcome) {
      case QUOTED, SOLD -> 201;
      case REPLAYED, WITHDRAWN -> 200;
      case PRODUCT_NOT_FOUND, SALE_NOT_FOUND -> 404;
      case WRONG_CARD_TYPE, VALIDITY_NOT_ALLOWED, AMOUNT_MISMATCH -> 422;
      case PAYMENT_ALREADY_USED, REQUEST_NUMBER_REUSED, CARD_NOT_ACTIVE, PASS_SOLD -> 409;
      case CARD_LOST -> 410;
    };
  }

  /**
   * A sale's proof of a payment the center authorised, which the center's record does not back, or
   * a home PC's proof the center cannot check, on any route that takes a proof.
   */
  static int of(CenterPaymentRefusedException.Reason reason) {
    return switch (reason) {
      case PAYMENT_UNKNOWN, PAYMENT_MISMATCH -> 422;
      case PAYMENT_NOT_APPROVED, PAYMENT_ALREADY_USED -> 409;
      case HOME_PC_PAYMENT_NOT_ALLOWED -> 403;
    };
  }

  /** A gate's verdict: only VALID admits; the others say why not. */
  static int of(Verdict verdict) {
    return switch (verdict) {
      case VALID -> 200;
      case USED -> 409;
      case REVOKED -> 410;
      case UNKNOWN -> 404;
      case WRONG_VENUE -> 403;
    };
  }

  static int of(com.kippu.center.voids.VoidOutcome outcome) {
    return switch (outcome) {
      case VOIDED, ALREADY_VOIDED -> 200;
      case TICKET_NOT_FOUND -> 404;
      case TICKET_USED -> 409;
    };
  }
}
