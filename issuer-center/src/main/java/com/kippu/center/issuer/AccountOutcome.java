package com.kippu.center.issuer;

/** Outcomes of issuer administration. */
public enum AccountOutcome {
  CREATED,
  UPDATED,
  /** A payee bank account change was approved by a second operator and is in force. */
  BANK_ACCOUNT_CHANGED,
  /** A new API secret replaced the old one, or the secret was removed. */
  SECRET_ROTATED,
  DEACTIVATED,
  ISSUER_NOT_FOUND,
  NO_PENDING_CHANGE,
  /** The approving operator is the one who proposed the change. */
  SAME_OPERATOR
}
