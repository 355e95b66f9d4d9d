package com.kippu.center.home;

/** Outcomes of the home PC's requests (F13). */
public enum HomeOutcome {
  OK,
  AUTH_FAILED,
  USER_LOCKED,
  TERMINAL_THROTTLED,
  NO_HOME_ACCESS,
  SESSION_EXPIRED,
  NO_STORED_CARD,
  DECLINED,
  PAYMENT_NOT_FOUND,
  /** The payment paid for a sale: it is not taken back (a center-authorised payment, F13). */
  PAYMENT_ALREADY_USED,
  REFERENCE_REUSED,
  CARD_HOST_UNAVAILABLE,
  /** The user's bank could not be asked (online banking, S2 ¶51). */
  BANK_UNAVAILABLE,
  /** The card did not prove it is in the home PC's reader. */
  CARD_NOT_PRESENT,
  CARD_OF_ANOTHER_USER
}
