package com.kippu.center.user;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.ReservationNumber;
import com.kippu.center.reservation.TicketNumber;
import com.kippu.center.signing.SignedDocument;
import java.time.Instant;

/**
 * An earlier purchase recalled by user id and PIN (S2 ¶36): the ticket, the card it is on, its
 * state (VALID, USED or REVOKED) and its signed ticket as issued, ready to be written again.
 */
public record PurchaseRecord(
    TicketNumber ticketNumber,
    CardId cardId,
    IssuerId issuerId,
    ReservationNumber reservationNumber,
    String eventId,
    String title,
    long amountYen,
    Instant issuedAt,
    String state,
    SignedDocument signedTicket) {}
