package com.kippu.center.settlement;

import com.kippu.center.catalog.IssuerId;
import java.time.YearMonth;

/**
 * What the operator and one issuer owe each other for one period (S1 ¶112-113, S2 ¶25): of the
 * period's sales, the operator collected some (credit and prepaid cards: {@code collectedYen}) and
 * the issuer received the rest directly into its own account or purse ({@code receivedByIssuerYen}:
 * transfer, cash credited, debit, e-money), so nothing is paid twice. Each side has its own figure,
 * because each is a different payment between the two: the operator pays the issuer what it
 * collected less its fee on it ({@code payableYen}), and bills the issuer its fee on what the
 * issuer received ({@code feeReceivableYen}). A fee is {@code floor(amount × feeBps / 10000)} on
 * the period's total of its side (fractions of a yen dropped, in the issuer's favour); {@code
 * feeYen} is both fees together, and {@code netPayableYen = payable − fee receivable = collected −
 * fee}, negative when the issuer owes the operator more than it is owed. A period whose refunds
 * outweigh its sales on a side gives the fee on them back (the figures turn negative). Integer yen
 * throughout.
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
    long payableYen,
    long feeReceivableYen,
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
    long feeOnCollected = signedFee(collected, feeBps);
    long feeReceivable = signedFee(receivedByIssuer, feeBps);
    long payable = collected - feeOnCollected;
    return new Settlement(
        issuerId,
        name,
        period,
        payments,
        sales,
        collected,
        receivedByIssuer,
        feeBps,
        feeOnCollected + feeReceivable,
        payable,
        feeReceivable,
        payable - feeReceivable);
  }

  /** The operator's fee on what it collected, kept back from what it pays the issuer. */
  public long feeOnCollectedYen() {
    return collectedYen - payableYen;
  }

  /** {@code floor(amount × bps / 10000)}; overflow is an error, never a wrong amount. */
  public static long fee(long amountYen, int feeBps) {
    if (amountYen < 0 || feeBps < 0 || feeBps > 10_000) {
      throw new IllegalArgumentException("amount and fee must not be negative");
    }
    return Math.multiplyExact(amountYen, (long) feeBps) / 10_000L;
  }

  /** The fee on a side's total; refunds outweighing sales give the fee on them back. */
  private static long signedFee(long amountYen, int feeBps) {
    return amountYen >= 0 ? fee(amountYen, feeBps) : -fee(-amountYen, feeBps);
  }
}
