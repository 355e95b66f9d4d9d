package com.kippu.atm.center;

import com.kippu.atm.payment.Money;

/** A seat as it appears in reservation and ticket info. */
public record ReservedSeat(SeatId seatId, String section, String row, int number, Money price) {
  public String label() {
    return "Sec " + section + " Row " + row + " Seat " + number;
  }
}
