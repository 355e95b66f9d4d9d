package com.kippu.atm.center;

import java.time.Instant;
import java.util.Optional;

/**
 * A reservation as the issuer center knows it now (F2/F3): whether it can still be paid, and the
 * ticket it was issued as, if any. A reservation on a card may have been paid at another terminal
 * or have passed its payment deadline since it was written.
 */
public record ReservationState(
    ReservationNumber number, Status status, Instant expiresAt, Optional<String> ticketNumber) {

  /** The center's reservation states; a lapsed hold reads {@link #EXPIRED}. */
  public enum Status {
    HELD,
    ISSUED,
    CANCELLED,
    EXPIRED
  }

  /** Whether a payment for it may still buy a ticket. */
  public boolean payable() {
    return status == Status.HELD;
  }
}
