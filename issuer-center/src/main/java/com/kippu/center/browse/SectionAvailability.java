package com.kippu.center.browse;

import com.kippu.center.catalog.Availability;

/** Remaining seats of one section at one price (S1 ¶36: few left, sold out). */
public record SectionAvailability(
    String section, long priceYen, int availableSeats, int totalSeats) {
  public Availability availability() {
    return Availability.of(availableSeats, totalSeats);
  }
}
