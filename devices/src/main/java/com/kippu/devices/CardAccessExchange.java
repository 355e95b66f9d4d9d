package com.kippu.devices;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a card hands its access information (S1 ¶41, ¶69, claim 12) — the key that scrambles its
 * write-once area — to a terminal or gate, and to nobody else. The card holds a record key of its
 * own and the center's root public key, both put into the chip at personalisation and returned by
 * no plain read. A terminal presents its card-access certificate (its X25519 public key, signed by
 * the center's root key); the card checks the signature, agrees an ephemeral X25519 key with the
 * terminal's, and returns its record key sealed under it (AES-256-GCM, bound to the card id and the
 * certificate's holder). Only the holder of the certificate's private key opens it, so no key
 * shared by every terminal unlocks every card, and a copy of a card made through a reader, which
 * cannot carry the chip's secrets, hands over nothing.
 *
 * <p>APDU: CLA 80, INS {@value #INS_GET_ACCESS}, P1 P2 00 00, data the certificate; response the
 * ephemeral public key (32, raw little-endian u), the nonce (12) and the sealed key with its tag
 * (48).
 */
public final class CardAccessExchange {
  public static final int INS_GET_ACCESS = 0x3A;
  public static final int RECORD_KEY_LENGTH = 32;
  private static final int RAW_KEY = 32;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private static final int SIGNATURE = 64;
  private static final byte[] CERTIFICATE_LABEL =
      "kippu/card-access-cert/v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] KDF_LABEL =
      "kippu/card-access-wrap/v1".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private CardAccessExchange() {}

  /**
   * A terminal's card-access certificate: {@code holder} (its terminal or gate id) and its X25519
   * public key (raw, 32 bytes), signed by the center's root key over {@link #signedBytes}.
   */
  public record Certificate(String holder, byte[] publicKey, byte[] signature) {
    public Certificate {
      if (holder.isEmpty() || holder.length() > 64 || !holder.matches("[\\x21-\\x7E]+")) {
        throw new IllegalArgumentException("certificate holder must be 1-64 printable characters");
      }
      if (publicKey.length != RAW_KEY || signature.length != SIGNATURE) {
        throw new IllegalArgumentException("certificate key or signature has the wrong length");
      }
      publicKey = publicKey.clone();
      signature = signature.clone();
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    /** What the root key signs: label | holder length | holder | public key. */
    public static byte[] signedBytes(String holder, byte[] publicKey) {
      byte[] id = holder.getBytes(StandardCharsets.US_ASCII);
      return ByteBuffer.allocate(CERTIFICATE_LABEL.length + 1 + id.length + publicKey.length)
          .put(CERTIFICATE_LABEL)
          .put((byte) id.length)
          .put(id)
          .put(publicKey)
          .array();
    }

    /** The certificate as sent to the card: holder length | holder | public key | signature. */
    public byte[] encode() {
      byte[] id = holder.getBytes(StandardCharsets.US_ASCII);
      return ByteBuffer.allocate(1 + id.length + RAW_KEY + SIGNATURE)
          .put((byte) id.length)
          .put(id)
          .put(publicKey)
          .put(signature)
          .array();
    }

    /**
     * @throws IllegalArgumentException when {@code bytes} is not a certificate's encoding
     */
    public static Certificate decode(byte[] bytes) {
      if (bytes.length < 1 || bytes.length != 1 + (bytes[0] & 0xFF) + RAW_KEY + SIGNATURE) {
        throw new IllegalArgumentException("not a card-access certificate");
      }
      int n = bytes[0] & 0xFF;
      return new Certificate(
          new String(bytes, 1, n, StandardCharsets.US_ASCII),
          Arrays.copyOfRange(bytes, 1 + n, 1 + n + RAW_KEY),
          Arrays.copyOfRange(bytes, 1 + n + RAW_KEY, bytes.length));
    }

    /** Whether the center's root key (X.509) signed this certificate. */
    public boolean signedBy(byte[] rootKeyX509) {
      try {
        PublicKey root =
            KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(rootKeyX509));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(root);
        verifier.update(signedBytes(holder, publicKey));
        return verifier.verify(signature);
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        return false;
      }
    }
  }

  /** A terminal's X25519 key pair for card access: 32 raw bytes each. */
  public record TerminalKey(byte[] privateKey, byte[] publicKey) {
    public static TerminalKey generate() {
      byte[] scalar = new byte[RAW_KEY];
      RANDOM.nextBytes(scalar);
      return of(scalar);
    }

    /** The pair for the private scalar {@code privateKey} (32 raw bytes). */
    public static TerminalKey of(byte[] privateKey) {
      if (privateKey.length != RAW_KEY) {
        throw new IllegalArgumentException("an X25519 private key is 32 bytes");
      }
      return new TerminalKey(privateKey.clone(), X25519.publicKey(privateKey));
    }
  }

  /**
   * The card's side: the answer to {@code certificate} for card {@code cardId}, or empty when the
   * certificate is malformed or not signed by {@code rootKeyX509}.
   */
  public static Optional<byte[]> answer(
      byte[] recordKey, byte[] rootKeyX509, String cardId, byte[] certificate) {
    Certificate cert;
    try {
      cert = Certificate.decode(certificate);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!cert.signedBy(rootKeyX509)) {
      return Optional.empty();
    }
    byte[] ephemeralPrivate = new byte[RAW_KEY];
    RANDOM.nextBytes(ephemeralPrivate);
    byte[] ephemeralPublic = X25519.publicKey(ephemeralPrivate);
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    byte[] sealed;
    try {
      byte[] shared = X25519.agree(ephemeralPrivate, cert.publicKey());
      sealed =
          gcm(Cipher.ENCRYPT_MODE, wrapKey(shared, ephemeralPublic), nonce, aad(cardId, cert))
              .apply(recordKey);
    } catch (IllegalStateException e) {
      return Optional.empty(); // a certified key of small order: nothing is handed over
    }
    return Optional.of(
        ByteBuffer.allocate(RAW_KEY + NONCE + sealed.length)
            .put(ephemeralPublic)
            .put(nonce)
            .put(sealed)
            .array());
  }

  /** The terminal's half of the X25519 agreement: its private key times the card's point. */
  @FunctionalInterface
  public interface Agreement {
    byte[] agree(byte[] cardEphemeralPublic);
  }

  /**
   * The terminal's side: the record key in the card's {@code answer}, opened with the private key
   * of {@code certificate} (here through the JDK's X25519).
   *
   * @throws GeneralSecurityException when the answer does not open (not for this terminal, not from
   *     this card, or damaged)
   */
  public static byte[] open(
      byte[] terminalPrivateKey, Certificate certificate, String cardId, byte[] answer)
      throws GeneralSecurityException {
    byte[] key = terminalPrivateKey.clone();
    return open(point -> X25519.agree(key, point), certificate, cardId, answer);
  }

  /**
   * As {@link #open(byte[], Certificate, String, byte[])}, with the agreement computed by {@code
   * agreement} (a faster X25519 than the JDK's, on a gate opening thousands of cards).
   */
  public static byte[] open(
      Agreement agreement, Certificate certificate, String cardId, byte[] answer)
      throws GeneralSecurityException {
    if (answer.length != RAW_KEY + NONCE + RECORD_KEY_LENGTH + TAG_BITS / 8) {
      throw new GeneralSecurityException("card access answer has the wrong length");
    }
    byte[] ephemeralPublic = Arrays.copyOfRange(answer, 0, RAW_KEY);
    byte[] nonce = Arrays.copyOfRange(answer, RAW_KEY, RAW_KEY + NONCE);
    byte[] sealed = Arrays.copyOfRange(answer, RAW_KEY + NONCE, answer.length);
    try {
      byte[] shared = agreement.agree(ephemeralPublic);
      return gcm(
              Cipher.DECRYPT_MODE,
              wrapKey(shared, ephemeralPublic),
              nonce,
              aad(cardId, certificate))
          .apply(sealed);
    } catch (IllegalStateException e) {
      throw new GeneralSecurityException("card access answer does not open", e.getCause());
    }
  }

  private static byte[] aad(String cardId, Certificate cert) {
    return (cardId + "\u0000" + cert.holder()).getBytes(StandardCharsets.US_ASCII);
  }

  /** HMAC-SHA256(shared, label | ephemeral public key): one key per exchange. */
  private static byte[] wrapKey(byte[] shared, byte[] ephemeralPublic) {
    if (Arrays.equals(shared, new byte[RAW_KEY])) {
      throw new IllegalStateException("X25519 agreement with a low-order point");
    }
    try {
      Mac mac = HMAC.get();
      mac.init(new SecretKeySpec(shared, "HmacSHA256"));
      mac.update(KDF_LABEL);
      return mac.doFinal(ephemeralPublic);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  @FunctionalInterface
  private interface Op {
    byte[] apply(byte[] input);
  }

  private static Op gcm(int mode, byte[] key, byte[] nonce, byte[] aad) {
    return input -> {
      try {
        Cipher c = GCM.get();
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD(aad);
        return c.doFinal(input);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  // JCE lookups cost more than the work on 32 bytes; each thread keeps its own instances.
  private static final ThreadLocal<Cipher> GCM =
      ThreadLocal.withInitial(() -> instance(() -> Cipher.getInstance("AES/GCM/NoPadding")));
  private static final ThreadLocal<Mac> HMAC =
      ThreadLocal.withInitial(() -> instance(() -> Mac.getInstance("HmacSHA256")));

  private interface Factory<T> {
    T create() throws GeneralSecurityException;
  }

  private static <T> T instance(Factory<T> factory) {
    try {
      return factory.create();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JCE algorithm unavailable", e);
    }
  }

  /** X25519 over the JDK's XDH provider, with keys as 32 raw little-endian bytes (RFC 7748). */
  static final class X25519 {
    private X25519() {}

    /** The base point, u = 9. */
    private static final byte[] BASE = new byte[RAW_KEY];

    static {
      BASE[0] = 9;
    }

    /** The public key of {@code privateKey}: the scalar times the base point. */
    static byte[] publicKey(byte[] privateKey) {
      return agree(privateKey, BASE);
    }

    static byte[] agree(byte[] privateKey, byte[] publicKey) {
      try {
        KeyFactory f = KeyFactory.getInstance("X25519");
        PrivateKey own =
            f.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey));
        PublicKey other =
            f.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u(publicKey)));
        KeyAgreement ka = KeyAgreement.getInstance("X25519");
        ka.init(own);
        ka.doPhase(other, true);
        return ka.generateSecret();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("X25519 agreement failed: " + e.getMessage(), e);
      }
    }

    private static BigInteger u(byte[] raw) {
      byte[] be = new byte[RAW_KEY];
      for (int i = 0; i < RAW_KEY; i++) {
        be[i] = raw[RAW_KEY - 1 - i];
      }
      be[0] &= 0x7F; // RFC 7748: the top bit of the last byte is ignored
      return new BigInteger(1, be);
    }
  }
}
