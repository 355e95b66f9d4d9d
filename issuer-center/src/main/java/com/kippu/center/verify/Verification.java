package com.kippu.center.verify;

import com.kippu.center.reservation.TicketNumber;
import java.time.Instant;
import java.util.Optional;

/** The verdict on a ticket, when and where it was used, and why it was revoked. */
public record Verification(
    TicketNumber ticketNumber,
    Verdict verdict,
    Optional<Instant> usedAt,
    Optional<String> usedAtGate,
    Optional<String> reason) {

  static Verification of(TicketNumber t, Verdict v) {
    return new Verification(t, v, Optional.empty(), Optional.empty(), Optional.empty());
  }
}
