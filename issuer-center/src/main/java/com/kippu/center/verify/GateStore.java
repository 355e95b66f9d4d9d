package com.kippu.center.verify;

import com.kippu.center.reservation.TicketNumber;
import java.util.Optional;

/** Ticket state inside one transaction (see {@link GateRepository}). */
public interface GateStore {
  /** The ticket, original or reissued, with revocation of the ticket or its card; empty if none. */
  Optional<TicketFacts> ticket(TicketNumber number);

  Optional<TicketUse> use(TicketNumber number);

  /** Records the entry unless the ticket already has one; true when this one was recorded. */
  boolean recordUse(TicketNumber number, TicketUse use);
}
