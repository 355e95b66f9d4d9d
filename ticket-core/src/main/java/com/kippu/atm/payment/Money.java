package com.kippu.atm.payment;

/** An amount of Japanese yen; yen have no minor unit, so the amount is a whole number. */
public record Money(long yen) {
  public Money {
    if (yen < 0) {
      throw new IllegalArgumentException("amount must not be negative: " + yen);
    }
  }

  public static Money yen(long yen) {
    return new Money(yen);
  }

  @Override
  public String toString() {
    return String.format("JPY %,d", yen);
  }
}
