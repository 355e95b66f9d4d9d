package com.kippu.atm.card;

import com.kippu.devices.CardAccessExchange;
import com.kippu.devices.CardAccessExchange.Certificate;
import com.kippu.devices.CardAccessExchange.TerminalKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Card access for tests: one center root key, terminals certified by it, and the card's side of the
 * exchange for cards held in memory (each with a record key of its own).
 */
public final class TestCardAccess {
  /** The center's root key of every test. */
  public static final KeyPair ROOT = generate();

  private TestCardAccess() {}

  private static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A terminal's card-access key and the certificate {@link #ROOT} signed for it. */
  public record Credentials(TerminalKey key, Certificate certificate) {
    /** {@code card.accessKey} as configured: 64 hex digits. */
    public String keyHex() {
      return HexFormat.of().formatHex(key.privateKey());
    }

    /** {@code card.accessCertificate} as configured: base64. */
    public String certificateBase64() {
      return Base64.getEncoder().encodeToString(certificate.encode());
    }

    /** {@code center.rootKey} as configured: base64 X.509. */
    public static String rootKeyBase64() {
      return Base64.getEncoder().encodeToString(ROOT.getPublic().getEncoded());
    }
  }

  /** Credentials of terminal {@code holder}, certified by {@link #ROOT}, with a fresh key. */
  public static Credentials credentials(String holder) {
    TerminalKey key = TerminalKey.generate();
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(ROOT.getPrivate());
      s.update(Certificate.signedBytes(holder, key.publicKey()));
      return new Credentials(key, new Certificate(holder, key.publicKey(), s.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A terminal {@code holder} certified by {@link #ROOT}, with a fresh key. */
  public static CardAccess terminal(String holder) {
    Credentials c = credentials(holder);
    return new com.kippu.atm.device.CertifiedCardAccess(c.key(), c.certificate());
  }

  /** A fresh random record key for a card in memory. */
  public static byte[] recordKey() {
    byte[] key = new byte[CardAccessExchange.RECORD_KEY_LENGTH];
    new SecureRandom().nextBytes(key);
    return key;
  }

  /** The answer of the card {@code cardId} holding {@code recordKey} to {@code certificate}. */
  public static byte[] answer(byte[] recordKey, String cardId, byte[] certificate)
      throws CardException {
    return CardAccessExchange.answer(recordKey, ROOT.getPublic().getEncoded(), cardId, certificate)
        .orElseThrow(() -> new CardException("the card refuses the certificate (6982)"));
  }
}
