package com.kippu.center.signing;

import java.security.PrivateKey;
import java.util.Objects;

/** An issuer's private key with the id verifiers use to find the matching public key. */
public final class SigningKey {
  private final String keyId;
  private final PrivateKey privateKey;

  public SigningKey(String keyId, PrivateKey privateKey) {
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
  }

  public String keyId() {
    return keyId;
  }

  /** Signs the exact payload bytes. */
  public SignedDocument sign(byte[] payload) {
    return new SignedDocument(payload, Ed25519.sign(privateKey, payload), keyId, Ed25519.ALGORITHM);
  }

  @Override
  public String toString() {
    return "SigningKey[" + keyId + "]"; // never the key material
  }
}
