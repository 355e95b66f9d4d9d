package com.kippu.center.catalog;

/** Seat states. AVAILABLE -> HELD -> SOLD, or HELD -> AVAILABLE when a hold ends unpaid. */
public enum SeatStatus {
  AVAILABLE,
  HELD,
  SOLD
}
