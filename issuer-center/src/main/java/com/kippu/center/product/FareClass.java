package com.kippu.center.product;

/**
 * Who a commuter pass is for, and so its fare (S2 ¶26): the railway publishes the adult fare of a
 * section and period; a child pays half, fractions of 10 yen dropped, as Japanese railways count
 * child fares.
 */
public enum FareClass {
  ADULT,
  CHILD;

  /** This class's fare from the published adult fare. */
  public long fare(long adultYen) {
    return this == ADULT ? adultYen : adultYen / 2 / 10 * 10;
  }
}
