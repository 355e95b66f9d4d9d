package com.kippu.atm.center;

import com.kippu.atm.card.CardId;
import com.kippu.atm.payment.Money;
import java.util.List;
import java.util.Optional;

/**
 * A direct purchase as the center answered it (F6): the reservation it made for the seats and the
 * ticket it issued against the payment, both signed by the issuer and verified.
 */
public record Sale(Reservation reservation, Ticket ticket) {

  /**
   * What in this sale is not the one asked for — other seats, price, card or payment — if anything.
   */
  public Optional<String> mismatch(
      CardId card, List<SeatId> seats, String paymentReference, Money amount) {
    List<SeatId> reserved = reservation.seats().stream().map(ReservedSeat::seatId).toList();
    if (!reserved.equals(seats) || reservation.amount().yen() != amount.yen()) {
      return Optional.of(
          "reservation " + reservation.number() + " of seats " + reserved + " for " + amount);
    }
    return ticket.mismatch(reservation.number(), card, seats, paymentReference, amount);
  }
}
