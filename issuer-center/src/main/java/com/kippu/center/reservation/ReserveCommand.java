package com.kippu.center.reservation;

import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.SeatId;
import java.util.List;
import java.util.Objects;

/** A terminal's request to hold seats for a card; {@code seatIds} are distinct and non-empty. */
public record ReserveCommand(
    TerminalId terminalId,
    RequestNumber requestNumber,
    EventId eventId,
    List<SeatId> seatIds,
    CardId cardId) {

  public ReserveCommand {
    Objects.requireNonNull(terminalId, "terminalId");
    Objects.requireNonNull(requestNumber, "requestNumber");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(cardId, "cardId");
    seatIds = List.copyOf(seatIds);
    if (seatIds.isEmpty() || seatIds.stream().distinct().count() != seatIds.size()) {
      throw new IllegalArgumentException("seat ids must be distinct and at least one");
    }
  }
}
