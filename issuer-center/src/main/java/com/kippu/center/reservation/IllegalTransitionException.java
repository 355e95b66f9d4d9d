package com.kippu.center.reservation;

/**
 * A lifecycle transition the reservation's state does not allow. Callers check the state first and
 * answer with an {@link Outcome}; seeing this exception means a bug, never a customer error.
 */
public final class IllegalTransitionException extends IllegalStateException {
  public IllegalTransitionException(ReservationNumber number, ReservationStatus from, String to) {
    super("reservation " + number + " cannot go from " + from + " to " + to);
  }
}
