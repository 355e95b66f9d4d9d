package com.kippu.center.user;

/** Outcomes of the registered-user service. */
public enum UserOutcome {
  REGISTERED,
  OK,
  USER_EXISTS,
  AUTH_FAILED,
  USER_LOCKED,
  /** Too many wrong PINs from this terminal across user ids (PIN spraying): blocked a while. */
  TERMINAL_THROTTLED,
  CARD_OF_ANOTHER_USER,
  /** The card did not prove it is in the terminal (no, a wrong or a stale challenge answer). */
  CARD_NOT_PRESENT,
  /**
   * A sign-in grant that is unknown, lapsed, another user's or terminal's, or used by another card.
   */
  SIGN_IN_NOT_VALID,
  /** No registered user under the id (an operator's identity check). */
  USER_NOT_FOUND,
  /** A face photo that is not a PNG or too large. */
  INVALID_PHOTO,
  /** The card needs an operator's identity check of the registration (S2 ¶35, ¶37); none yet. */
  IDENTITY_NOT_CHECKED,
  /** A card in a registered user's name must carry the registered name. */
  NOT_THE_REGISTERED_NAME
}
