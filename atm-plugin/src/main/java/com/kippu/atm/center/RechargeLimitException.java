package com.kippu.atm.center;

import com.kippu.atm.payment.Money;

/**
 * The center refused a recharge for a limit (F11): {@code VALUE_LIMIT} (the value a card may hold)
 * or {@code DAILY_LIMIT} (what it may take in a day), with how much the card may still take, so the
 * terminal tells the customer in their language.
 */
public class RechargeLimitException extends CenterException {
  private static final long serialVersionUID = 1L;

  private final transient Money limit;
  private final transient Money remaining;

  public RechargeLimitException(String code, String message, Money limit, Money remaining) {
    super(code, message);
    this.limit = limit;
    this.remaining = remaining;
  }

  public Money limit() {
    return limit;
  }

  public Money remaining() {
    return remaining;
  }
}
