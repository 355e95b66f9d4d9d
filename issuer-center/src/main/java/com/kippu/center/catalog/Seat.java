package com.kippu.center.catalog;

import java.util.Objects;

/** A seat of an event's seat map with its price and current status. */
public record Seat(
    EventId eventId,
    SeatId seatId,
    String section,
    String row,
    int number,
    long priceYen,
    SeatStatus status) {

  public Seat {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(seatId, "seatId");
    Objects.requireNonNull(status, "status");
    if (priceYen <= 0) {
      throw new IllegalArgumentException("seat " + seatId + " has no price");
    }
  }

  public boolean available() {
    return status == SeatStatus.AVAILABLE;
  }
}
