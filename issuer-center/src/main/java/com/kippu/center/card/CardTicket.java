package com.kippu.center.card;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.ReservationNumber;
import com.kippu.center.reservation.TicketNumber;
import java.util.Optional;

/**
 * A ticket on a card, original or reissued, with its signed payload, whether it was used at a gate,
 * and the ticket and card that replaced it, if any.
 */
public record CardTicket(
    TicketNumber ticketNumber,
    ReservationNumber reservationNumber,
    IssuerId issuerId,
    byte[] payload,
    boolean used,
    Optional<Replacement> replacedBy) {

  /** The reissued ticket that replaced this one, on its card. */
  public record Replacement(TicketNumber ticketNumber, CardId cardId) {}
}
