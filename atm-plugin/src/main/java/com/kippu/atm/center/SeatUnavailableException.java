package com.kippu.atm.center;

import java.util.List;

/** Some of the requested seats were taken in the meantime; the customer chooses again (S1 ¶35). */
public class SeatUnavailableException extends CenterException {
  private static final long serialVersionUID = 1L;
  private final transient List<SeatId> seats;

  public SeatUnavailableException(List<SeatId> seats, String message) {
    super("SEAT_UNAVAILABLE", message);
    this.seats = List.copyOf(seats);
  }

  public List<SeatId> seats() {
    return seats;
  }
}
