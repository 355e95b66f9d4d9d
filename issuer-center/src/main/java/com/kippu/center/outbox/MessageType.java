package com.kippu.center.outbox;

/** What the center tells an issuer's system: a sale (S2 ¶25) or a lost card (S2 ¶38). */
public enum MessageType {
  SALE,
  CARD_LOST
}
