package com.kippu.center.user;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The account number a user's PIN block is formed with (ISO 9564-1 format 0 XORs the PIN with the
 * 12 rightmost digits of a PAN before its check digit): 16 digits derived from the user id, "99",
 * 13 digits of SHA-256("kippu/user-pan/v1:" || user id) and a Luhn check digit. A block formed for
 * one user id therefore opens as garbage for any other, as a card PIN block does for another card.
 * The terminal derives the same number for its PIN pad.
 */
public final class UserPan {
  private static final BigInteger MODULUS = BigInteger.TEN.pow(13);

  private UserPan() {}

  public static String of(UserId user) {
    byte[] digest;
    try {
      digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("kippu/user-pan/v1:" + user.value()).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
    String body = "99" + String.format("%013d", new BigInteger(1, digest).mod(MODULUS));
    return body + luhn(body);
  }

  /** The Luhn check digit of {@code digits}. */
  static int luhn(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 0) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return (10 - sum % 10) % 10;
  }
}
