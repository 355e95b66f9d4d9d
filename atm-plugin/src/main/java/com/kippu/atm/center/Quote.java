package com.kippu.atm.center;

import com.kippu.atm.card.CardId;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The issuer's signed quote for a direct purchase (F6, S1 ¶109): the seats can be sold now, at
 * {@code amount}, paid into {@code issuerAccount} (S1 ¶56, claim 6: the account comes from the
 * center at payment, since no reservation names it). Holds nothing; valid until {@code validUntil}.
 * A kiosk quoting before it takes a blank card from its stocker (F7) asks for no card, and the
 * quote names none.
 */
public record Quote(
    IssuerId issuerId,
    String issuerName,
    AccountNumber issuerAccount,
    EventId eventId,
    String title,
    String venue,
    String startsAt,
    List<ReservedSeat> seats,
    Money amount,
    Optional<CardId> cardId,
    Instant validUntil,
    SignedDocument signed) {
  public Quote {
    seats = List.copyOf(seats);
  }

  public List<SeatId> seatIds() {
    return seats.stream().map(ReservedSeat::seatId).toList();
  }
}
