package com.kippu.atm.center;

import com.kippu.atm.payment.Money;

/** A seat as it appears in reservation and ticket info. */
public record ReservedSeat(
    SeatId seatId, String section, String row, int number, Money price, Seating seating) {

  /** A venue's seat. */
  public ReservedSeat(SeatId seatId, String section, String row, int number, Money price) {
    this(seatId, section, row, number, price, Seating.VENUE);
  }

  public String label() {
    return switch (seating) {
      case VENUE -> "Sec " + section + " Row " + row + " Seat " + number;
      case CAR -> "Car " + section + " Row " + row + " Seat " + Seating.letter(number);
    };
  }
}
