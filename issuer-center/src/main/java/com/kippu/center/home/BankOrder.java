package com.kippu.center.home;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a home PC user orders their bank to pay (S2 ¶51): from their account (the one their IC card
 * names, or one keyed in) to the account that receives the price, with their online-banking PIN.
 * The PIN is wiped once the bank was asked ({@link #wipe}); it is never printed.
 */
public record BankOrder(String fromAccount, char[] pin, String toAccount) {
  private static final String ACCOUNT = "\\d{4}-\\d{3}-\\d{7}";

  public BankOrder {
    Objects.requireNonNull(fromAccount, "fromAccount");
    Objects.requireNonNull(pin, "pin");
    Objects.requireNonNull(toAccount, "toAccount");
  }

  /** Whether {@code account} has the banks' form, bank code, branch and account. */
  public static boolean isAccount(String account) {
    return account.matches(ACCOUNT);
  }

  /** The form for records and answers: only the last four digits stay readable. */
  public static String masked(String account) {
    return account.substring(0, 9) + "***" + account.substring(12);
  }

  /** Forgets the PIN. */
  public void wipe() {
    Arrays.fill(pin, '\0');
  }

  @Override
  public String toString() {
    return "BankOrder[" + masked(fromAccount) + " -> " + toAccount + "]"; // never the PIN
  }
}
