package com.kippu.center.card;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cards' proof of possession as their issuer personalised them: each card holds the key
 * HMAC-SHA256(card authentication master, "kippu/chip-auth/v1" || card id) and answers a challenge
 * with HMAC-SHA256(card key, challenge). The center holds the master key (in its security module in
 * production: {@code center.cards.auth-key}) and so can check an answer without the key ever
 * leaving the card. The same derivation as the devices' {@code CardAuthentication}.
 */
public final class CardKeys {
  public static final int MASTER_LENGTH = 32;
  private static final byte[] LABEL = "kippu/chip-auth/v1".getBytes(StandardCharsets.US_ASCII);

  private final byte[] master;

  public CardKeys(byte[] master) {
    if (master.length != MASTER_LENGTH) {
      throw new IllegalArgumentException("card authentication master key must be 32 bytes");
    }
    this.master = master.clone();
  }

  /**
   * Whether {@code response} is card {@code cardId}'s answer to {@code challenge}; constant time.
   */
  public boolean answers(String cardId, byte[] challenge, byte[] response) {
    byte[] cardKey = hmac(master, LABEL, cardId.getBytes(StandardCharsets.US_ASCII));
    return MessageDigest.isEqual(hmac(cardKey, challenge, new byte[0]), response);
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
