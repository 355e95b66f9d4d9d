package com.kippu.center.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.catalog.SeatId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReservationTest {
  private static final Instant T0 = Instant.parse("2026-12-01T01:00:00Z");
  private static final Instant EXPIRY = T0.plus(Duration.ofMinutes(10));

  private static Reservation held() {
    return Reservation.hold(
        new ReservationNumber("R0123456789"),
        new TerminalId("ATM-0001"),
        new RequestNumber("REQ-1"),
        new CardId("CARD-0001"),
        new EventId("evt-2026-12-24-dome"),
        new IssuerId("tokyo-dome-promo"),
        List.of(
            new ReservedSeat(new SeatId("S-1-1"), "S", "1", 1, 12_000),
            new ReservedSeat(new SeatId("A-3-7"), "A", "3", 7, 8_800)),
        T0,
        EXPIRY);
  }

  @Test
  void holdChargesTheSumOfSeatPrices() {
    Reservation r = held();
    assertEquals(ReservationStatus.HELD, r.status());
    assertEquals(20_800, r.amountYen());
    assertEquals(List.of(new SeatId("S-1-1"), new SeatId("A-3-7")), r.seatIds());
  }

  @Test
  void amountMustMatchSeats() {
    Reservation r = held();
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Reservation(
                r.number(),
                r.terminalId(),
                r.requestNumber(),
                r.cardId(),
                r.eventId(),
                r.issuerId(),
                r.seats(),
                1,
                r.status(),
                r.reservedAt(),
                r.expiresAt()));
  }

  @Test
  void liveHoldCanBeIssuedOnce() {
    Reservation issued = held().issue(EXPIRY.minusMillis(1));
    assertEquals(ReservationStatus.ISSUED, issued.status());
    assertThrows(IllegalTransitionException.class, () -> issued.issue(T0));
    assertThrows(IllegalTransitionException.class, issued::cancel);
    assertThrows(IllegalTransitionException.class, () -> issued.expire(EXPIRY.plusSeconds(1)));
  }

  @Test
  void lapsedHoldCannotBeIssuedButExpires() {
    Reservation r = held();
    assertTrue(r.isOverdue(EXPIRY), "expiry instant itself is overdue");
    assertThrows(IllegalTransitionException.class, () -> r.issue(EXPIRY));
    Reservation expired = r.expire(EXPIRY);
    assertEquals(ReservationStatus.EXPIRED, expired.status());
    assertFalse(expired.isOverdue(EXPIRY.plusSeconds(60)), "only HELD can be overdue");
  }

  @Test
  void holdDoesNotExpireEarly() {
    assertThrows(IllegalTransitionException.class, () -> held().expire(EXPIRY.minusMillis(1)));
  }

  @Test
  void cancelledIsFinal() {
    Reservation cancelled = held().cancel();
    assertEquals(ReservationStatus.CANCELLED, cancelled.status());
    assertThrows(IllegalTransitionException.class, cancelled::cancel);
    assertThrows(IllegalTransitionException.class, () -> cancelled.issue(T0));
  }

  @Test
  void retryIsRecognisedOnlyWithSameContent() {
    Reservation r = held();
    List<SeatId> seats = List.of(new SeatId("S-1-1"), new SeatId("A-3-7"));
    assertTrue(r.sameRequest(r.eventId(), r.cardId(), seats));
    assertFalse(r.sameRequest(r.eventId(), new CardId("CARD-0002"), seats));
    assertFalse(r.sameRequest(r.eventId(), r.cardId(), List.of(new SeatId("S-1-1"))));
  }

  @Test
  void identifiersRejectMalformedValues() {
    assertThrows(IllegalArgumentException.class, () -> new ReservationNumber("R123"));
    assertThrows(IllegalArgumentException.class, () -> new CardId("x"));
    assertThrows(IllegalArgumentException.class, () -> new SeatId("A-3"));
  }
}
