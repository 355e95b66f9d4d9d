package com.kippu.atm.ops;

import com.kippu.atm.journal.SessionId;
import java.time.Instant;

/**
 * A session that ended needing staff or failed, with what happened, the money state and the one
 * action that settles it.
 *
 * @param subject what the action works on: the ticket number to void, to write or to reprint, or
 *     the payment reference to refund
 */
public record StaffCase(
    SessionId session,
    Instant ended,
    String flow,
    String happened,
    String money,
    long amountYen,
    Action action,
    String subject) {

  /** The one action that settles a case. */
  public enum Action {
    /** The issuer voids a ticket that must not stand (the payment was taken back). */
    VOID_TICKET,
    /** Staff pay back money the rail kept and no ticket stands for. */
    REFUND,
    /** The ticket stands; its printed ticket or receipt is printed again. */
    REPRINT,
    /** The ticket stands; staff write it to the customer's card. */
    WRITE_TO_CARD,
    /** No money moved and no ticket stands: staff only acknowledge the case. */
    ACKNOWLEDGE
  }
}
