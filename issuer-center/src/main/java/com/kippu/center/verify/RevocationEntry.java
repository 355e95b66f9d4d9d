package com.kippu.center.verify;

import java.time.Instant;

/** One revocation, numbered in the order it happened: a ticket or a whole card. */
public record RevocationEntry(long sequence, Kind kind, String subject, String reason, Instant at) {
  /** What is revoked. */
  public enum Kind {
    TICKET,
    CARD
  }
}
