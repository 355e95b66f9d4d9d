package com.kippu.atm.center;

import com.kippu.atm.card.CardId;
import com.kippu.atm.payment.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

  /**
   * What in this ticket differs from what was reserved and paid, if anything; a ticket with a
   * difference must not be written to a card.
   */
  public Optional<String> mismatch(
      ReservationNumber reservation,
      CardId card,
      List<SeatId> reservedSeats,
      String paymentReference,
      Money amount) {
    if (!reservationNumber().equals(reservation)) {
      return Optional.of("reservation " + reservationNumber() + " instead of " + reservation);
    }
    if (!cardId().equals(card)) {
      return Optional.of("card " + cardId() + " instead of " + card);
    }
    List<SeatId> ticketSeats = seats().stream().map(ReservedSeat::seatId).toList();
    if (!ticketSeats.equals(reservedSeats)) {
      return Optional.of("seats " + ticketSeats + " instead of " + reservedSeats);
    }
    PaymentProof paid = payment();
    if (!paid.reference().equals(paymentReference) || paid.amount().yen() != amount.yen()) {
      return Optional.of(
          "payment "
              + paid.reference()
              + " of "
              + paid.amount()
              + " instead of "
              + paymentReference
              + " of "
              + amount);
    }
    return Optional.empty();
  }
}
