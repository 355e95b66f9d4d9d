package com.kippu.center.user;

/** Outcomes of the registered-user service. */
public enum UserOutcome {
  REGISTERED,
  OK,
  USER_EXISTS,
  AUTH_FAILED,
  USER_LOCKED,
  CARD_OF_ANOTHER_USER
}
