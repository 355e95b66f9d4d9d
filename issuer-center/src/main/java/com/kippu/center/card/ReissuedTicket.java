package com.kippu.center.card;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.ReservationNumber;
import com.kippu.center.reservation.TicketNumber;
import com.kippu.center.signing.SignedDocument;
import java.time.Instant;

/** A ticket issued again onto a new card, replacing a ticket on a lost card (S2 ¶39). */
public record ReissuedTicket(
    TicketNumber ticketNumber,
    TicketNumber replaces,
    ReservationNumber reservationNumber,
    IssuerId issuerId,
    CardId cardId,
    Instant issuedAt,
    SignedDocument signed) {}
