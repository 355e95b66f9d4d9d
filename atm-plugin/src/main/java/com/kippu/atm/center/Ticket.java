package com.kippu.atm.center;

import com.kippu.atm.card.CardId;
import java.time.Instant;
import java.util.List;

/**
 * Ticket info as issued and signed by the issuer (S1 ¶61): content, issuer, issue date/time and
 * number, payment info, and the reservation info it embeds for traceability.
 */
public record Ticket(
    String ticketNumber,
    long issueNumber,
    IssuerId issuerId,
    String issuerName,
    Instant issuedAt,
    CardId cardId,
    EventId eventId,
    String title,
    String venue,
    String startsAt,
    List<ReservedSeat> seats,
    PaymentProof payment,
    ReservationNumber reservationNumber,
    SignedDocument signed) {
  public Ticket {
    seats = List.copyOf(seats);
  }
}
