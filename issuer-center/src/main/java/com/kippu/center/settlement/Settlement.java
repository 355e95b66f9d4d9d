package com.kippu.center.settlement;

import com.kippu.center.catalog.IssuerId;
import java.time.YearMonth;

/**
 * What the operator and one issuer owe each other for one period (S1 ¶112-113, S2 ¶25): of the
 * period's sales, the operator collected some (credit and prepaid cards: {@code collectedYen}) and
 * the issuer received the rest directly into its own account or purse ({@code receivedByIssuerYen}:
 * transfer, cash credited, debit, e-money), so nothing is paid twice. The fee is on all sales,
 * {@code floor(sales × feeBps / 10000)} computed once on the period's total (fractions of a yen
 * dropped, in the issuer's favour); {@code netPayableYen = collected − fee}, negative when the
 * issuer owes the operator its fee. Integer yen throughout.
 */
public record Settlement(
    IssuerId issuerId,
    String issuerName,
    YearMonth period,
    int payments,
    long salesYen,
    long collectedYen,
    long receivedByIssuerYen,
    int feeBps,
    long feeYen,
    long netPayableYen) {

  /** The statement line from the period's totals by who received the money. */
  public static Settlement of(
      IssuerId issuerId,
      String name,
      YearMonth period,
      int payments,
      long collected,
      long receivedByIssuer,
      int feeBps) {
    long sales = Math.addExact(collected, receivedByIssuer);
    // A month whose refunds of earlier sales outweigh its sales gives the fee on them back.
    long fee = sales >= 0 ? fee(sales, feeBps) : -fee(-sales, feeBps);
    return new Settlement(
        issuerId,
        name,
        period,
        payments,
        sales,
        collected,
        receivedByIssuer,
        feeBps,
        fee,
        collected - fee);
  }

  /** {@code floor(amount × bps / 10000)}; overflow is an error, never a wrong amount. */
  public static long fee(long amountYen, int feeBps) {
    if (amountYen < 0 || feeBps < 0 || feeBps > 10_000) {
      throw new IllegalArgumentException("amount and fee must not be negative");
    }
    return Math.multiplyExact(amountYen, (long) feeBps) / 10_000L;
  }
}
