package com.kippu.center.issuer;

/** Outcomes of an issuer's catalog push. */
public enum PublishOutcome {
  CREATED,
  UPDATED,
  NOT_YOUR_EVENT,
  NOT_YOUR_PRODUCT,
  WRONG_ISSUER_KIND,
  SEAT_NOT_AVAILABLE
}
