package com.kippu.atm.payment;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A bank account as the bank host knows it: bank code, branch and account, e.g. {@code
 * 0001-001-1234567}. Rendered masked everywhere except on the wire to the bank.
 */
public record AccountNumber(String value) {
  private static final Pattern FORMAT = Pattern.compile("\\d{4}-\\d{3}-\\d{7}");

  public AccountNumber {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("account number must look like 0001-001-1234567");
    }
  }

  /** The form for logs, journals and receipts: only the last four digits stay readable. */
  public String masked() {
    return value.substring(0, 9) + "***" + value.substring(12);
  }

  @Override
  public String toString() {
    return masked();
  }
}
