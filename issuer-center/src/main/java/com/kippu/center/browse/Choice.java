package com.kippu.center.browse;

import com.kippu.center.catalog.Availability;

/** One entry of a browsing level (a genre, an artist) with what remains on sale under it. */
public record Choice(String name, int events, int availableSeats, int totalSeats) {
  public Availability availability() {
    return Availability.of(availableSeats, totalSeats);
  }
}
