package com.kippu.atm.payment;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A payment card's primary account number (PAN, ISO 7812: 13-19 digits). Rendered masked (first six
 * and last four digits) everywhere except on the wire to the card's host.
 */
public record CardNumber(String value) {
  private static final Pattern FORMAT = Pattern.compile("\\d{13,19}");

  public CardNumber {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("a card number has 13 to 19 digits");
    }
  }

  /**
   * The cash card number of {@code account}, for an IC card whose chip holds only the account: a
   * Japanese cash card carries bank code (4 digits), branch (3) and account number (7) of its
   * account, and its PAN is those 14 digits followed by a check digit computed with the Luhn
   * algorithm (ISO/IEC 7812-1 Annex B), 15 digits in all. The bank host derives the same number.
   */
  public static CardNumber ofCashAccount(AccountNumber account) {
    Objects.requireNonNull(account, "account");
    String digits = account.value().replace("-", "");
    return new CardNumber(digits + luhnCheckDigit(digits));
  }

  /**
   * The account this number is the cash card of, when it is one: 15 digits whose check digit holds,
   * the inverse of {@link #ofCashAccount}. A cash card of any bank swiped on the magnetic reader
   * names its account this way (S1 ¶56); a debit or credit card's number does not.
   */
  public Optional<AccountNumber> cashAccount() {
    if (value.length() != 15) {
      return Optional.empty();
    }
    String digits = value.substring(0, 14);
    if (luhnCheckDigit(digits) != value.charAt(14)) {
      return Optional.empty();
    }
    return Optional.of(
        new AccountNumber(
            digits.substring(0, 4) + "-" + digits.substring(4, 7) + "-" + digits.substring(7)));
  }

  /** The Luhn check digit to append to {@code digits} (ISO/IEC 7812-1 Annex B). */
  static char luhnCheckDigit(String digits) {
    int sum = 0;
    boolean doubled = true; // the rightmost payload digit sits next to the check digit
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
    }
    return (char) ('0' + (10 - sum % 10) % 10);
  }

  /** The form for logs, journals and receipts, e.g. {@code 498000******1234}. */
  public String masked() {
    return value.substring(0, 6)
        + "*".repeat(value.length() - 10)
        + value.substring(value.length() - 4);
  }

  @Override
  public String toString() {
    return masked();
  }
}
