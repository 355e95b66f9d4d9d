package com.kippu.center.catalog;

/** An event as listed for selection: lowest price and how many seats remain. */
public record EventSummary(Event event, long priceFromYen, int availableSeats, int totalSeats) {

  public Availability availability() {
    return Availability.of(availableSeats, totalSeats);
  }
}
