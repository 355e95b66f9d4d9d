package com.kippu.atm.center;

import com.kippu.atm.card.CardId;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.Money;
import java.time.Instant;
import java.util.List;

/**
 * Reservation info as the issuer returned and signed it (S1 ¶37, F1): what was reserved, for whom,
 * how much, into which issuer account to pay (S1 ¶56), and until when the hold lasts.
 */
public record Reservation(
    ReservationNumber number,
    String requestNumber,
    CardId cardId,
    IssuerId issuerId,
    String issuerName,
    AccountNumber issuerAccount,
    EventId eventId,
    String title,
    String venue,
    String startsAt,
    List<ReservedSeat> seats,
    Money amount,
    Instant expiresAt,
    SignedDocument signed) {
  public Reservation {
    seats = List.copyOf(seats);
  }
}
