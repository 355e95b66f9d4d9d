package com.kippu.center.reservation;

import com.kippu.center.catalog.EventId;
import java.util.Objects;
import java.util.Optional;

/**
 * A terminal's request for the best {@code quantity} seats still free, in one section or anywhere
 * in the venue: what a flash sale asks for, since nobody can pick a seat off a map that changes
 * thousands of times a second.
 */
public record BestAvailableCommand(
    TerminalId terminalId,
    RequestNumber requestNumber,
    EventId eventId,
    Optional<String> section,
    int quantity,
    CardId cardId) {

  /** Seats per reservation; the same sanity bound as a hold of named seats. */
  public static final int MAX_QUANTITY = 10;

  public BestAvailableCommand {
    Objects.requireNonNull(terminalId, "terminalId");
    Objects.requireNonNull(requestNumber, "requestNumber");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(cardId, "cardId");
    if (quantity < 1 || quantity > MAX_QUANTITY) {
      throw new IllegalArgumentException("quantity must be 1 to " + MAX_QUANTITY);
    }
    if (section.isPresent() && section.get().isBlank()) {
      throw new IllegalArgumentException("section must not be blank");
    }
  }

  /** True when {@code r} is what this request would have made: a retry, not a reuse. */
  public boolean matches(Reservation r) {
    return r.eventId().equals(eventId)
        && r.cardId().equals(cardId)
        && r.seats().size() == quantity
        && section
            .map(s -> r.seats().stream().allMatch(seat -> seat.section().equals(s)))
            .orElse(true);
  }
}
