package com.kippu.center.reservation;

import java.util.Objects;

/**
 * What a recorded payment proof paid for (a reservation's ticket, a card sale), and whether the
 * proof asked about is the very one recorded, in every field the record kept.
 */
public record PaymentUse(Kind kind, String subject, boolean sameProof) {
  /** What a payment is recorded for. */
  public enum Kind {
    /** It paid for the ticket of reservation {@code subject}. */
    RESERVATION,
    /** It paid for card sale {@code subject} (activation, recharge). */
    CARD_SALE
  }

  public PaymentUse {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
  }

  /** True when this use is reservation {@code number}'s own ticket. */
  public boolean forReservation(String number) {
    return kind != Kind.CARD_SALE && subject.equals(number);
  }
}
