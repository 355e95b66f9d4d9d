package com.kippu.center.voids;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.reservation.Collector;
import com.kippu.center.reservation.ReservationNumber;
import com.kippu.center.reservation.TicketNumber;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A sale an operator voided: every ticket of it (the original and any reprint) revoked, and its
 * payment to be refunded by whoever received the money ({@code refundBy}: the operator for credit,
 * prepaid and operator-collected cash; the issuer for money paid into its own account or purse).
 *
 * @param ticketNumber the ticket the operator named
 * @param revokedTickets every ticket of the sale, each now on the revocation list
 */
public record TicketVoid(
    ReservationNumber reservationNumber,
    TicketNumber ticketNumber,
    IssuerId issuerId,
    long amountYen,
    String paymentMethod,
    String paymentReference,
    Collector refundBy,
    String reason,
    String voidedBy,
    Instant voidedAt,
    List<TicketNumber> revokedTickets) {
  public TicketVoid {
    Objects.requireNonNull(reservationNumber, "reservationNumber");
    Objects.requireNonNull(ticketNumber, "ticketNumber");
    Objects.requireNonNull(refundBy, "refundBy");
    revokedTickets = List.copyOf(revokedTickets);
  }
}
