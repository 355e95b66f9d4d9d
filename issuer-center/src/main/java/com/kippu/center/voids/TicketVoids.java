package com.kippu.center.voids;

import com.kippu.center.common.Answer;
import com.kippu.center.reservation.TicketNumber;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * The operator's void of a sold ticket (a staff-queue case whose ticket must not stand: its payment
 * was taken back, or the customer is refunded). A sale is voided once: asking again, for the same
 * ticket or another print of the same sale, answers the first void and refunds nothing twice. The
 * tickets are revoked, so gates refuse them online and through the signed revocation list; the
 * issuer is told through the outbox; settlement counts a refund line in the month of the void on
 * the side of whoever received the money. The seat is not sold again (see V17).
 */
public final class TicketVoids {
  /** The longest reason kept; it goes to the issuer and onto the revocation list. */
  public static final int MAX_REASON_LENGTH = 200;

  private final TicketVoidRepository voids;
  private final Clock clock;

  public TicketVoids(TicketVoidRepository voids, Clock clock) {
    this.voids = voids;
    this.clock = clock;
  }

  /** Voids the sale of {@code ticket} for {@code operator}. */
  public Answer<VoidOutcome, TicketVoid> voidTicket(
      TicketNumber ticket, String reason, String operator) {
    String why = reason == null || reason.isBlank() ? "voided by the operator" : reason.strip();
    return voids.voidSale(ticket, why, operator, clock.instant().truncatedTo(ChronoUnit.MILLIS));
  }
}
