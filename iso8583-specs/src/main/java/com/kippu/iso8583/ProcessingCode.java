package com.kippu.iso8583;

/**
 * Processing codes (ISO 8583 field 3, n6): transaction type (2 digits), from-account type (2),
 * to-account type (2). Account types: 00 default/unspecified, 10 savings, 20 current.
 */
public final class ProcessingCode {
  /**
   * Cardholder account transfer (type 40) from the customer's ordinary savings account (10) to an
   * account whose type the host already knows (00): the ticket issuer's settlement account.
   */
  public static final String ACCOUNT_TRANSFER = "401000";

  private ProcessingCode() {}
}
