package com.kippu.center.reservation;

import java.util.Objects;

/**
 * What a recorded payment proof paid for (a reservation's ticket, a card sale) or was refused for
 * (a reservation already issued against another proof), and whether the proof asked about is the
 * very one recorded, in every field the record kept.
 */
public record PaymentUse(Kind kind, String subject, boolean sameProof) {
  /**
   * What the center's record of a payment it authorised says it paid for once its terminal began
   * taking it back: no sale may use it then, as a sale's mark keeps the reversal away.
   */
  public static final String CENTER_REVERSAL = "REVERSAL";

  /** What a payment is recorded for. */
  public enum Kind {
    /** It paid for the ticket of reservation {@code subject}. */
    RESERVATION,
    /** It paid for card sale {@code subject} (activation, recharge). */
    CARD_SALE,
    /** It paid for commuter pass {@code subject} (F7). */
    PASS_SALE,
    /** It paid for card application sale {@code subject} (F11). */
    APPLICATION_SALE,
    /**
     * It was brought for reservation {@code subject} after that was issued against another proof:
     * it pays for nothing, and its terminal reverses it.
     */
    REFUSED,
    /**
     * Its terminal took it back because the sale it was brought for (commuter pass request {@code
     * subject}) was never confirmed: it pays for nothing, and a late copy of that sale is refused.
     */
    WITHDRAWN
  }

  public PaymentUse {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
  }

  /** True when this use is reservation {@code number}'s own: its ticket or a refusal for it. */
  public boolean forReservation(String number) {
    return (kind == Kind.RESERVATION || kind == Kind.REFUSED) && subject.equals(number);
  }
}
