package com.kippu.center.home;

import com.kippu.center.user.PinHash;
import com.kippu.center.user.UserId;

/**
 * A registered user's access from a home PC (S2 ¶46-47): a password (a slow salted hash, as the
 * PIN) and the card stored for payments there (S2 ¶49), sealed under a key derived from the
 * password ({@code cardSalt}, the password hash's iteration count), so the center holds the card
 * number in clear only inside a logged-in session; terminals see it masked.
 */
public record HomeAccess(
    UserId userId, PinHash password, byte[] cardSealed, byte[] cardSalt, String maskedCard) {
  public HomeAccess {
    cardSealed = cardSealed.clone();
    cardSalt = cardSalt.clone();
  }

  @Override
  public byte[] cardSealed() {
    return cardSealed.clone();
  }

  @Override
  public byte[] cardSalt() {
    return cardSalt.clone();
  }

  @Override
  public String toString() {
    return "HomeAccess[" + userId + ", card " + maskedCard + "]";
  }

  /** First six and last four digits, as payment proofs carry a card. */
  public static String masked(String number) {
    return number.substring(0, 6)
        + "*".repeat(number.length() - 10)
        + number.substring(number.length() - 4);
  }
}
