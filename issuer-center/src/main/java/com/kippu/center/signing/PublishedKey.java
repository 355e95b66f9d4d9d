package com.kippu.center.signing;

import java.util.Objects;

/** An issuer's public key as published to terminals and gates (X.509 SubjectPublicKeyInfo). */
public record PublishedKey(String keyId, String algorithm, byte[] x509) {
  public PublishedKey {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(algorithm, "algorithm");
    x509 = x509.clone();
  }

  @Override
  public byte[] x509() {
    return x509.clone();
  }
}
