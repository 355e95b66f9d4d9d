package com.kippu.atm.card;

/** Kinds of record in the card's write-once area; the code is stored inside the encrypted body. */
public enum RecordType {
  RESERVATION(1),
  TICKET(2),
  USED_MARK(3),
  RECHARGE(4),
  INVALIDATION(5),
  /** A commuter pass the railway signed for this card (F7, S2 ¶26-28). */
  PASS(6),

  /**
   * The registered user the card was issued to and the card's own id (S2 ¶37, ¶40): written once,
   * when a registered user's card is issued, linked or receives a lost card's contents.
   */
  HOLDER(7);

  private final int code;

  RecordType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static RecordType of(int code) throws CardException {
    for (RecordType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new CardException("unknown card record type " + code);
  }
}
