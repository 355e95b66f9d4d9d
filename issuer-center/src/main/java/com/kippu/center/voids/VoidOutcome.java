package com.kippu.center.voids;

/** Outcomes of an operator's void. */
public enum VoidOutcome {
  /** This request voided the sale. */
  VOIDED,
  /** The sale was voided before; the answer is that first void, nothing is done again. */
  ALREADY_VOIDED,
  TICKET_NOT_FOUND,
  /** A ticket of the sale was used at a gate: the customer had the event, nothing is refunded. */
  TICKET_USED
}
