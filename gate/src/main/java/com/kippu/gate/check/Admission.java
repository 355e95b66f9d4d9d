package com.kippu.gate.check;

import java.time.Instant;
import java.util.Objects;

/**
 * A ticket this gate admitted (or learnt another gate admitted), as its store keeps it: one per
 * ticket, so a ticket is admitted once. {@code synced} tells whether the center has heard of it.
 */
public record Admission(
    String ticketNumber,
    String cardId,
    Medium medium,
    String gateId,
    Instant admittedAt,
    boolean synced) {

  /** How the ticket was presented. */
  public enum Medium {
    CARD,
    PAPER
  }

  public Admission {
    Objects.requireNonNull(ticketNumber, "ticketNumber");
    Objects.requireNonNull(cardId, "cardId");
    Objects.requireNonNull(medium, "medium");
    Objects.requireNonNull(gateId, "gateId");
    Objects.requireNonNull(admittedAt, "admittedAt");
  }
}
