package com.kippu.center.catalog;

/** How an event's remaining seats are shown to the customer (S1 ¶36: sold out, few left). */
public enum Availability {
  AVAILABLE,
  FEW_LEFT,
  SOLD_OUT;

  /** FEW_LEFT once at most 10% of the seats remain (S1 ¶36). */
  public static Availability of(int available, int total) {
    if (available <= 0) {
      return SOLD_OUT;
    }
    return available * 10L <= total ? FEW_LEFT : AVAILABLE;
  }
}
