package com.kippu.center.settlement;

import com.kippu.center.catalog.IssuerId;
import java.time.Instant;
import java.util.Objects;

/**
 * One payment the center recorded for an issuer: a ticket ({@code kind} TICKET, subject the ticket
 * number) or a card sale (ACTIVATION or RECHARGE, subject the sale id), at the time it was
 * recorded.
 */
public record PaymentRecord(
    IssuerId issuerId,
    String kind,
    String subject,
    String method,
    String reference,
    long amountYen,
    Instant recordedAt) {
  public PaymentRecord {
    Objects.requireNonNull(issuerId, "issuerId");
    Objects.requireNonNull(recordedAt, "recordedAt");
  }
}
