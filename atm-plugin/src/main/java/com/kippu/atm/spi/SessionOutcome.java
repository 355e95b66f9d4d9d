package com.kippu.atm.spi;

import java.util.Optional;

/**
 * How a customer session ended, for the host's own journal and statistics.
 *
 * @param ticketNumber present when a ticket was issued in this session
 */
public record SessionOutcome(
    String sessionId, Result result, Optional<String> ticketNumber, String detail) {

  /** Final result of a session. */
  public enum Result {
    COMPLETED,
    CANCELLED,
    /**
     * Paid, but the ticket's issuance could not be confirmed: the plugin issues it (written when
     * the card comes back) or returns the payment, and tells the customer so on a slip.
     */
    PENDING,
    FAILED
  }
}
