package com.kippu.center.reservation;

import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.catalog.Seat;
import com.kippu.center.catalog.SeatId;
import com.kippu.center.signing.SignedDocument;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reservation state as seen inside one transaction (see {@link ReservationRepository}). Seat
 * updates are conditional on the expected current state and throw {@link SeatConflictException}
 * when any row did not change, so a seat is never held or sold twice.
 */
public interface ReservationStore {

  /** The reservation; in a write transaction a database with row locks locks it here. */
  Optional<Reservation> find(ReservationNumber number);

  Optional<Reservation> findByRequest(TerminalId terminalId, RequestNumber requestNumber);

  boolean exists(ReservationNumber number);

  /** The stored rows of these seats (status as stored); unknown ids are simply absent. */
  List<Seat> seats(EventId eventId, List<SeatId> seatIds);

  /** The event's seats whose row is AVAILABLE now (lapsed holds not yet released are not). */
  List<Seat> availableSeats(EventId eventId);

  void insert(Reservation reservation, SignedDocument signedReservation);

  SignedDocument signedReservation(ReservationNumber number);

  /** AVAILABLE -> HELD by this reservation, for all its seats or none. */
  void holdSeats(Reservation reservation);

  /** HELD by this reservation -> AVAILABLE. */
  void releaseSeats(Reservation reservation);

  /** Persists a status change made by the entity; {@code reason} only for cancellations. */
  void updateStatus(Reservation reservation, Instant at, String reason);

  /**
   * Takes the issuer's next {@code count} issue numbers (1, 2, ... without gaps) and returns the
   * first; the issuer's counter stays locked until the transaction ends.
   */
  long nextIssueNumbers(IssuerId issuerId, int count);

  /** The signed reservation info of each of {@code numbers} that exists. */
  Map<ReservationNumber, SignedDocument> signedReservations(List<ReservationNumber> numbers);

  /**
   * A ticket to write: the reservation as issued (at the ticket's time), its ticket, the payment.
   */
  record Issue(Reservation issued, IssuedTicket ticket, PaymentProof payment) {}

  /**
   * Writes issued tickets in batched statements: each ticket row and its payment, whose key refuses
   * a proof already recorded (a {@link java.sql.SQLException} that fails the transaction); its
   * reservation's seats HELD -> SOLD (every one of them, or a {@link SeatConflictException}) and
   * recorded against the ticket; the reservation ISSUED.
   */
  void issue(List<Issue> issues);

  Optional<IssuedTicket> ticket(ReservationNumber number);

  /**
   * The payment recorded for reservation {@code number}'s ticket, compared with {@code proof}. A
   * ticket issued before payments named their acquirer and terminal is compared on what was kept.
   */
  Optional<PaymentUse> ticketPayment(ReservationNumber number, PaymentProof proof);

  /**
   * What {@code proof} is recorded for, found by its key (method, acquirer, terminal, reference)
   * or, for e-money, by its purse value record.
   */
  Optional<PaymentUse> paymentUse(PaymentProof proof);

  /** Records {@code proof} as refused for reservation {@code number}: it pays for nothing. */
  void refusePayment(PaymentProof proof, ReservationNumber number, Instant at);

  /** Numbers of HELD reservations whose expiry is at or before {@code now}, oldest first. */
  List<ReservationNumber> overdueHolds(Instant now, int limit);
}
