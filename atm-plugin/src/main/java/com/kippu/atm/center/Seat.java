package com.kippu.atm.center;

import com.kippu.atm.payment.Money;

/** A seat of the seat map with its price and current status. */
public record Seat(
    SeatId seatId, String section, String row, int number, Money price, Status status) {

  /** Seat states as the center reports them. */
  public enum Status {
    AVAILABLE,
    HELD,
    SOLD
  }

  public boolean available() {
    return status == Status.AVAILABLE;
  }

  /** "Section A, row 3, seat 7" style label for screens and receipts. */
  public String label() {
    return "Sec " + section + " Row " + row + " Seat " + number;
  }
}
