package com.kippu.center.issuer;

/** Outcomes of issuer administration. */
public enum AccountOutcome {
  CREATED,
  UPDATED
}
