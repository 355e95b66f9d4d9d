package com.kippu.center.home;

import com.kippu.center.user.PinHash;
import com.kippu.center.user.UserId;

/**
 * A registered user's access from a home PC (S2 ¶46-47): a password (a slow salted hash, as the
 * PIN) and the card stored for payments there (S2 ¶49). The card number stays at the center and
 * goes only to the card host; terminals see it masked.
 */
public record HomeAccess(UserId userId, PinHash password, String cardNumber, String cardExpiry) {
  @Override
  public String toString() {
    return "HomeAccess[" + userId + ", card " + masked(cardNumber) + "]";
  }

  public String maskedCard() {
    return masked(cardNumber);
  }

  /** First six and last four digits, as payment proofs carry a card. */
  public static String masked(String number) {
    return number.substring(0, 6)
        + "*".repeat(number.length() - 10)
        + number.substring(number.length() - 4);
  }
}
