package com.kippu.center.reservation;

import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.catalog.SeatId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A hold on seats of one event for one card, requested by one terminal. Invariants: at least one
 * seat, amount is the sum of the seat prices, expiry after creation. Transitions only leave HELD; a
 * hold past its expiry can expire or be cancelled but never be issued.
 */
public record Reservation(
    ReservationNumber number,
    TerminalId terminalId,
    RequestNumber requestNumber,
    CardId cardId,
    EventId eventId,
    IssuerId issuerId,
    List<ReservedSeat> seats,
    long amountYen,
    ReservationStatus status,
    Instant reservedAt,
    Instant expiresAt) {

  public Reservation {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(terminalId, "terminalId");
    Objects.requireNonNull(requestNumber, "requestNumber");
    Objects.requireNonNull(cardId, "cardId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(issuerId, "issuerId");
    Objects.requireNonNull(status, "status");
    seats = List.copyOf(seats);
    if (seats.isEmpty()) {
      throw new IllegalArgumentException("a reservation holds at least one seat");
    }
    if (amountYen != total(seats)) {
      throw new IllegalArgumentException("amount " + amountYen + " is not the sum of seat prices");
    }
    if (!expiresAt.isAfter(reservedAt)) {
      throw new IllegalArgumentException("a hold must expire after it was made");
    }
  }

  /** A new hold; the amount is the sum of the seat prices. */
  public static Reservation hold(
      ReservationNumber number,
      TerminalId terminalId,
      RequestNumber requestNumber,
      CardId cardId,
      EventId eventId,
      IssuerId issuerId,
      List<ReservedSeat> seats,
      Instant reservedAt,
      Instant expiresAt) {
    return new Reservation(
        number,
        terminalId,
        requestNumber,
        cardId,
        eventId,
        issuerId,
        seats,
        total(seats),
        ReservationStatus.HELD,
        reservedAt,
        expiresAt);
  }

  private static long total(List<ReservedSeat> seats) {
    return seats.stream().mapToLong(ReservedSeat::priceYen).reduce(0, Math::addExact);
  }

  public List<SeatId> seatIds() {
    return seats.stream().map(ReservedSeat::seatId).toList();
  }

  /** True while HELD at or after the expiry instant. */
  public boolean isOverdue(Instant now) {
    return status == ReservationStatus.HELD && !now.isBefore(expiresAt);
  }

  /** True when a retry with this content is the same request (same event, card and seats). */
  public boolean sameRequest(EventId eventId, CardId cardId, List<SeatId> seatIds) {
    return this.eventId.equals(eventId)
        && this.cardId.equals(cardId)
        && seatIds().equals(List.copyOf(seatIds));
  }

  public Reservation cancel() {
    requireHeld("CANCELLED");
    return withStatus(ReservationStatus.CANCELLED);
  }

  public Reservation expire(Instant now) {
    requireHeld("EXPIRED");
    if (!isOverdue(now)) {
      throw new IllegalTransitionException(number, status, "EXPIRED before " + expiresAt);
    }
    return withStatus(ReservationStatus.EXPIRED);
  }

  /** Issuance; only a live hold (HELD, not overdue) can be paid for and issued. */
  public Reservation issue(Instant now) {
    requireHeld("ISSUED");
    if (isOverdue(now)) {
      throw new IllegalTransitionException(number, status, "ISSUED after " + expiresAt);
    }
    return withStatus(ReservationStatus.ISSUED);
  }

  private void requireHeld(String to) {
    if (status != ReservationStatus.HELD) {
      throw new IllegalTransitionException(number, status, to);
    }
  }

  private Reservation withStatus(ReservationStatus next) {
    return new Reservation(
        number,
        terminalId,
        requestNumber,
        cardId,
        eventId,
        issuerId,
        seats,
        amountYen,
        next,
        reservedAt,
        expiresAt);
  }
}
