package com.kippu.center.reservation;

import com.kippu.center.catalog.Seat;
import com.kippu.center.catalog.SeatId;
import java.util.Objects;

/** A seat as reserved: its place and the price fixed at reservation time. */
public record ReservedSeat(SeatId seatId, String section, String row, int number, long priceYen) {
  public ReservedSeat {
    Objects.requireNonNull(seatId, "seatId");
  }

  public static ReservedSeat of(Seat seat) {
    return new ReservedSeat(
        seat.seatId(), seat.section(), seat.row(), seat.number(), seat.priceYen());
  }
}
