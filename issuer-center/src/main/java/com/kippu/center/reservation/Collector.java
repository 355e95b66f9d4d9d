package com.kippu.center.reservation;

/**
 * Who received a customer's money, so settlement never pays an issuer for money it already holds
 * (MISSION "After the sale"): the issuer directly, or the operator, who owes it to the issuer.
 */
public enum Collector {
  /** The issuer's own account or purse received it; the operator only bills its fee. */
  ISSUER,
  /** The operator collected it and pays the issuer the amount less its fee (S2 ¶25). */
  OPERATOR
}
