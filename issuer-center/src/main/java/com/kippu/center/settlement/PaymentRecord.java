package com.kippu.center.settlement;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.reservation.Collector;
import java.time.Instant;
import java.util.Objects;

/**
 * One payment the center recorded for an issuer: a ticket ({@code kind} TICKET, subject the ticket
 * number) or a card sale (ACTIVATION or RECHARGE, subject the sale id), at the time it was
 * recorded, with who received the money; or a refund ({@code kind} TICKET_VOID, a negative amount,
 * at the time of the void). {@code acquirer} is empty for payments recorded before acquirers were
 * kept.
 */
public record PaymentRecord(
    IssuerId issuerId,
    String kind,
    String subject,
    String method,
    String acquirer,
    String reference,
    Collector receivedBy,
    long amountYen,
    Instant recordedAt) {
  public PaymentRecord {
    Objects.requireNonNull(issuerId, "issuerId");
    Objects.requireNonNull(acquirer, "acquirer");
    Objects.requireNonNull(receivedBy, "receivedBy");
    Objects.requireNonNull(recordedAt, "recordedAt");
  }
}
