package com.kippu.atm.center;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;

/** Issuer signature checks, shared by the terminal and the gate (F8), which verify offline. */
public final class Signatures {
  public static final String ED25519 = "Ed25519";

  private static final int SIGNATURE_LENGTH = 64;
  private static final int RAW_KEY_LENGTH = 32;

  /** SEQUENCE { SEQUENCE { OID 1.3.101.112 } BIT STRING } header of an Ed25519 SPKI (RFC 8410). */
  private static final byte[] SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private Signatures() {}

  /**
   * True when {@code document}'s signature is the issuer's over its exact payload bytes. Verified
   * with Bouncy Castle's RFC 8032 Ed25519 (the JDK 17 provider takes over a millisecond a
   * signature, which a gate admitting a crowd cannot spend).
   */
  public static boolean verify(SignedDocument document, PublicKey issuerKey) {
    if (!ED25519.equals(document.algorithm())) {
      return false;
    }
    byte[] key = rawKey(issuerKey);
    byte[] signature = document.signature();
    if (key == null || signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    byte[] payload = document.payload();
    return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
        signature, 0, key, 0, payload, 0, payload.length);
  }

  /** An Ed25519 public key decoded once, for verifying many documents under it (a gate's day). */
  public static final class Verifier {
    private final org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point;

    private Verifier(org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point) {
      this.point = point;
    }

    /** As {@link Signatures#verify}, without decoding the key again. */
    public boolean verify(SignedDocument document) {
      byte[] signature = document.signature();
      if (!ED25519.equals(document.algorithm()) || signature.length != SIGNATURE_LENGTH) {
        return false;
      }
      byte[] payload = document.payload();
      return verify(signature, payload);
    }

    /** The bare RFC 8032 verification of {@code signature} over {@code message}. */
    public boolean verify(byte[] signature, byte[] message) {
      return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
          signature, 0, point, message, 0, message.length);
    }
  }

  /** {@code key} decoded and fully validated (on the curve, in the prime-order group), or empty. */
  public static Optional<Verifier> verifier(PublicKey key) {
    byte[] raw = rawKey(key);
    var point =
        raw == null
            ? null
            : org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyFullExport(raw, 0);
    return Optional.ofNullable(point).map(Verifier::new);
  }

  /** The 32-byte RFC 8032 public key inside an Ed25519 X.509 SubjectPublicKeyInfo, or null. */
  public static byte[] rawKey(PublicKey key) {
    byte[] spki = key.getEncoded();
    if (spki == null
        || spki.length != SPKI_PREFIX.length + RAW_KEY_LENGTH
        || !Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
      return null;
    }
    return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
  }

  /** Decodes an Ed25519 public key published as X.509 SubjectPublicKeyInfo. */
  public static PublicKey ed25519PublicKey(byte[] encoded) throws GeneralSecurityException {
    return KeyFactory.getInstance(ED25519).generatePublic(new X509EncodedKeySpec(encoded));
  }
}
