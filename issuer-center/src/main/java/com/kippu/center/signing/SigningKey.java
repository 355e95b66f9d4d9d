package com.kippu.center.signing;

import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Objects;

/**
 * An issuer's private key with the id verifiers use to find the matching public key. Signing runs
 * Bouncy Castle's RFC 8032 Ed25519 on the key's 32-byte seed: Ed25519 is deterministic, so the
 * bytes are exactly the JDK's, at a fraction of the cost (every hold and ticket is signed).
 */
public final class SigningKey {
  private static final int SIGNATURE_LENGTH = 64;

  private final String keyId;
  private final byte[] seed;
  private final byte[] publicKey = new byte[32];

  public SigningKey(String keyId, PrivateKey privateKey) {
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(privateKey, "privateKey");
    if (!(privateKey instanceof EdECPrivateKey edec) || edec.getBytes().isEmpty()) {
      throw new IllegalArgumentException("key " + keyId + " is not an Ed25519 private key");
    }
    this.seed = edec.getBytes().get();
    org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, publicKey, 0);
  }

  public String keyId() {
    return keyId;
  }

  /** Signs the exact payload bytes. */
  public SignedDocument sign(byte[] payload) {
    byte[] signature = new byte[SIGNATURE_LENGTH];
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
        seed, 0, publicKey, 0, payload, 0, payload.length, signature, 0);
    return new SignedDocument(payload, signature, keyId, Ed25519.ALGORITHM);
  }

  @Override
  public String toString() {
    return "SigningKey[" + keyId + "]"; // never the key material
  }
}
