package com.kippu.iso8583;

/**
 * Processing codes (ISO 8583 field 3, n6): transaction type (2 digits), from-account type (2),
 * to-account type (2). Account types: 00 default/unspecified, 10 savings, 20 current, 30 credit, 60
 * stored value (prepaid; a private use of this dialect).
 */
public final class ProcessingCode {
  /**
   * Cardholder account transfer (type 40) from the customer's ordinary savings account (10) to an
   * account whose type the host already knows (00): the ticket issuer's settlement account.
   */
  public static final String ACCOUNT_TRANSFER = "401000";

  /** Cash deposit (type 21) credited to the account in field 103, the issuer's account (S1 ¶57). */
  public static final String CASH_DEPOSIT = "210000";

  /** Goods and services (type 00) paid by debit card from the cardholder's savings account. */
  public static final String DEBIT_PURCHASE = "001000";

  /** Goods and services paid by credit card (account type 30). */
  public static final String CREDIT_PURCHASE = "003000";

  /** Goods and services paid from a prepaid card's stored value (account type 60). */
  public static final String PREPAID_PURCHASE = "006000";

  private ProcessingCode() {}
}
