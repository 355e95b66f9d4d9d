package com.kippu.center.settlement;

import com.kippu.center.catalog.IssuerId;
import java.time.YearMonth;

/**
 * What the operator owes one issuer for one period (S2 ¶25): the collected amount, the operator's
 * fee and the net payable. Integer yen throughout. Rounding rule: the fee is computed once on the
 * period's total, {@code floor(collected × feeBps / 10000)} (fractions of a yen are dropped, in the
 * issuer's favour), and {@code net = collected − fee}, so fee + net always equals collected.
 */
public record Settlement(
    IssuerId issuerId,
    String issuerName,
    YearMonth period,
    int payments,
    long collectedYen,
    int feeBps,
    long feeYen,
    long netPayableYen) {

  public static Settlement of(
      IssuerId issuerId, String name, YearMonth period, int payments, long collected, int feeBps) {
    long fee = fee(collected, feeBps);
    return new Settlement(
        issuerId, name, period, payments, collected, feeBps, fee, collected - fee);
  }

  /** {@code floor(collected × bps / 10000)}; overflow is an error, never a wrong amount. */
  public static long fee(long collectedYen, int feeBps) {
    if (collectedYen < 0 || feeBps < 0 || feeBps > 10_000) {
      throw new IllegalArgumentException("collected and fee must not be negative");
    }
    return Math.multiplyExact(collectedYen, (long) feeBps) / 10_000L;
  }
}
