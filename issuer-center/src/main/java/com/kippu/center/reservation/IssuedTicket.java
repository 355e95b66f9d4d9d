package com.kippu.center.reservation;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.signing.SignedDocument;
import java.time.Instant;
import java.util.Objects;

/**
 * A ticket issued for a reservation, with the signed ticket info exactly as first issued. At most
 * one per reservation; a repeated issuance returns this same document.
 */
public record IssuedTicket(
    TicketNumber ticketNumber,
    long issueNumber,
    ReservationNumber reservationNumber,
    IssuerId issuerId,
    CardId cardId,
    Instant issuedAt,
    SignedDocument signed) {

  public IssuedTicket {
    Objects.requireNonNull(ticketNumber, "ticketNumber");
    Objects.requireNonNull(reservationNumber, "reservationNumber");
    Objects.requireNonNull(signed, "signed");
  }
}
