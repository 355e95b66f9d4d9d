package com.kippu.center.common;

/**
 * Upper bounds on amounts of money, so that no price, payment, value or sum of them can overflow a
 * {@code long} anywhere downstream (reservation totals, card values, monthly settlement). Far above
 * any real ticket, far below overflow.
 */
public final class Yen {
  /** One seat or one product. */
  public static final long MAX_PRICE = 10_000_000L;

  /** One payment: a reservation of the most seats at the highest price fits. */
  public static final long MAX_PAYMENT = 100_000_000L;

  /** The value a prepaid card may hold, after any recharge. */
  public static final long MAX_CARD_VALUE = 1_000_000L;

  private Yen() {}
}
