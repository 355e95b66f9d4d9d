package com.kippu.devices;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The card's proof of possession (ISO 7816-4 INTERNAL AUTHENTICATE): each card holds its own key,
 * put into the chip at personalisation and never readable by any command; it answers a challenge
 * with HMAC-SHA256(card key, challenge). A verifier holding the issuer's card authentication master
 * key (in its secure access module) derives the card's key from the card id and checks the answer,
 * so an image of the card copied through a reader, which cannot carry the key, is told apart.
 */
public final class CardAuthentication {
  public static final int KEY_LENGTH = 32;
  public static final int MIN_CHALLENGE = 8;
  public static final int MAX_CHALLENGE = 64;
  private static final byte[] LABEL = "kippu/chip-auth/v1".getBytes(StandardCharsets.US_ASCII);

  private CardAuthentication() {}

  /** The key of card {@code cardId}: HMAC-SHA256(master, label || card id). */
  public static byte[] cardKey(byte[] master, String cardId) {
    return hmac(master, LABEL, cardId.getBytes(StandardCharsets.US_ASCII));
  }

  /** The card's answer to {@code challenge} under {@code cardKey}. */
  public static byte[] response(byte[] cardKey, byte[] challenge) {
    return hmac(cardKey, challenge, new byte[0]);
  }

  private static byte[] hmac(byte[] key, byte[] first, byte[] second) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(first);
      return mac.doFinal(second);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
