package com.kippu.center.voids;

import com.kippu.center.common.Answer;
import com.kippu.center.reservation.TicketNumber;
import java.time.Instant;

/** Port to the voids. */
public interface TicketVoidRepository {
  /**
   * In one transaction: finds the sale of {@code ticket} (original or reprint); answers its earlier
   * void if there is one; else, unless a ticket of it was used, records the void, revokes every
   * ticket of the sale and queues a {@code TICKET_VOID} message to the issuer.
   */
  Answer<VoidOutcome, TicketVoid> voidSale(
      TicketNumber ticket, String reason, String operator, Instant at);
}
