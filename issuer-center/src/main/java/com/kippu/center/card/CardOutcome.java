package com.kippu.center.card;

/** Outcomes of lost-card, reissue, prepaid activation and recharge requests. */
public enum CardOutcome {
  OK,
  REISSUED,
  ACTIVATED,
  RECHARGED,
  AUTH_FAILED,
  USER_LOCKED,
  /** Too many wrong PINs from the calling terminal across user ids: blocked a while. */
  TERMINAL_THROTTLED,
  /** The card did not prove it is in the terminal. */
  CARD_NOT_PRESENT,
  CARD_NOT_LINKED,
  CARD_NOT_LOST,
  CARD_LOST,
  NEW_CARD_UNUSABLE,
  REISSUED_TO_OTHER_CARD,
  CARD_UNKNOWN,
  CARD_NOT_ACTIVE,
  CARD_ALREADY_ACTIVE,
  PRODUCT_NOT_FOUND,
  NOT_YOUR_PRODUCT,
  AMOUNT_MISMATCH,
  PAYMENT_ALREADY_USED,
  TICKET_NOT_FOUND,
  TICKET_USED,
  /** The recharge would take the card past the value a card may hold. */
  VALUE_LIMIT,
  /** The recharge would take the card past what it may be recharged with in one day. */
  DAILY_LIMIT,
  /** The issuer's server refused the pre-valued card: never activated, invalidated, not its own. */
  ISSUER_REFUSED,
  /** The issuer's server, the authority on a pre-valued card, did not answer. */
  ISSUER_UNAVAILABLE
}
