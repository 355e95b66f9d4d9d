package com.kippu.center.reservation;

import com.kippu.center.catalog.SeatId;
import java.util.List;

/**
 * A conditional seat update changed fewer rows than asked: another writer took a seat first. Thrown
 * inside the write transaction so it rolls back as a whole.
 */
public final class SeatConflictException extends RuntimeException {
  private final List<SeatId> seatIds;

  public SeatConflictException(List<SeatId> seatIds) {
    super("seats no longer in the expected state: " + seatIds);
    this.seatIds = List.copyOf(seatIds);
  }

  public List<SeatId> seatIds() {
    return seatIds;
  }
}
