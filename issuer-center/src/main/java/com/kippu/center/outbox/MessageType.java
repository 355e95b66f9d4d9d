package com.kippu.center.outbox;

/** What the center tells an issuer's system: a sale (S2 ¶25), a lost card (S2 ¶38) or a void. */
public enum MessageType {
  SALE,
  CARD_LOST,
  /** An operator voided a sale: its tickets are revoked and its money is refunded. */
  TICKET_VOID
}
