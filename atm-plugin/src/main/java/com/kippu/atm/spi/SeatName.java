package com.kippu.atm.spi;

import com.kippu.atm.center.Seating;

/**
 * A seat's name as a screen argument, rendered per language: a venue's ("Sec A Row 1 Seat 2",
 * "Aブロック 1列 2番") or a train's ("Car 7 Row 3 Seat D", "7号車 3番D席").
 */
public record SeatName(Seating seating, String section, String row, int number) {
  /** A venue's seat. */
  public SeatName(String section, String row, int number) {
    this(Seating.VENUE, section, row, number);
  }
}
