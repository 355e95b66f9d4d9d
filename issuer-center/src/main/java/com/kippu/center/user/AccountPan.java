package com.kippu.center.user;

/**
 * The account number an online-banking PIN block is formed with (ISO 9564-1 format 0): the cash
 * card number of the paying bank account, as a Japanese bank forms it, bank code (4 digits), branch
 * (3) and account (7) followed by a Luhn check digit, 15 digits. Its 12 rightmost digits before the
 * check digit enter the block, so a block made for one account opens as garbage for another. The
 * terminal's PIN pad forms the same number ({@code CardNumber.ofCashAccount}).
 */
public final class AccountPan {
  private AccountPan() {}

  /** The cash card number of {@code account}, e.g. {@code 0001-001-1234567}. */
  public static String of(String account) {
    if (account == null || !account.matches("\\d{4}-\\d{3}-\\d{7}")) {
      throw new IllegalArgumentException("account number must look like 0001-001-1234567");
    }
    String digits = account.replace("-", "");
    return digits + UserPan.luhn(digits);
  }
}
