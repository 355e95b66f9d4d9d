package com.kippu.center.reservation;

/** Reservation lifecycle: HELD, then exactly one of ISSUED, CANCELLED or EXPIRED (all final). */
public enum ReservationStatus {
  HELD,
  ISSUED,
  CANCELLED,
  EXPIRED;

  public boolean isFinal() {
    return this != HELD;
  }
}
