package com.kippu.center.reservation;

import com.kippu.center.catalog.SeatId;
import java.util.List;
import java.util.Objects;

/**
 * A service answer: a successful value, or a failed outcome with a message, the request field at
 * fault (if any) and the seats at fault (if any).
 */
public record Result<T>(
    Outcome outcome, T value, String message, String field, List<SeatId> seatIds) {

  public Result {
    Objects.requireNonNull(outcome, "outcome");
    seatIds = List.copyOf(seatIds);
  }

  public static <T> Result<T> ok(T value) {
    return new Result<>(Outcome.OK, value, null, null, List.of());
  }

  public static <T> Result<T> created(T value) {
    return new Result<>(Outcome.CREATED, value, null, null, List.of());
  }

  public static <T> Result<T> failed(Outcome outcome, String message) {
    return failed(outcome, message, null);
  }

  public static <T> Result<T> failed(Outcome outcome, String message, String field) {
    return new Result<>(outcome, null, message, field, List.of());
  }

  public static <T> Result<T> seatsFailed(Outcome outcome, String message, List<SeatId> seats) {
    return new Result<>(outcome, null, message, "seatIds", seats);
  }

  public boolean success() {
    return outcome.success();
  }
}
