package com.kippu.atm.payment;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/** The expiry month printed on and encoded in a payment card; valid through its last day. */
public record CardExpiry(YearMonth month) {
  private static final DateTimeFormatter YYMM = DateTimeFormatter.ofPattern("yyMM");

  public CardExpiry {
    Objects.requireNonNull(month, "month");
  }

  public static CardExpiry of(int year, int month) {
    return new CardExpiry(YearMonth.of(year, month));
  }

  /** ISO 8583 field 14 form, {@code YYMM}. */
  public String yymm() {
    return YYMM.format(month);
  }
}
