package com.kippu.center.issuer;

import com.kippu.center.catalog.Event;
import com.kippu.center.catalog.Seat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an issuer pushes for one event: its details, its seat map with prices, an optional image.
 */
public record EventListing(Event event, List<Seat> seats, Optional<EventImage> image) {
  public EventListing {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(image, "image");
    seats = List.copyOf(seats);
    if (seats.isEmpty()) {
      throw new IllegalArgumentException("an event needs at least one seat");
    }
    if (seats.stream().map(Seat::seatId).distinct().count() != seats.size()) {
      throw new IllegalArgumentException("seat ids must be distinct");
    }
  }
}
