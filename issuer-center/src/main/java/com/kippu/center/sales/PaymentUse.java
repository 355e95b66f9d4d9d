package com.kippu.center.sales;

import java.util.Objects;

/** What a payment proof already paid for: a reservation's ticket or a card sale. */
public record PaymentUse(Kind kind, String subject) {
  /** The kinds of things a payment can pay for. */
  public enum Kind {
    RESERVATION,
    CARD_SALE
  }

  public PaymentUse {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
  }

  public boolean paidFor(Kind k, String s) {
    return kind == k && subject.equals(s);
  }
}
