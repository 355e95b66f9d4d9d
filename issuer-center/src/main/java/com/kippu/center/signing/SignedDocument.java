package com.kippu.center.signing;

import java.util.Arrays;
import java.util.Objects;

/**
 * An issuer-signed document: the exact payload bytes (UTF-8 JSON) and the signature over them.
 * Verifiers check the signature over these bytes before parsing, so no JSON canonicalisation is
 * needed; the bytes are stored and replayed unchanged.
 */
public record SignedDocument(byte[] payload, byte[] signature, String keyId, String algorithm) {

  public SignedDocument {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(algorithm, "algorithm");
    payload = payload.clone();
    signature = signature.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedDocument d
        && Arrays.equals(payload, d.payload)
        && Arrays.equals(signature, d.signature)
        && keyId.equals(d.keyId)
        && algorithm.equals(d.algorithm);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(payload), Arrays.hashCode(signature), keyId, algorithm);
  }

  @Override
  public String toString() {
    return "SignedDocument[" + payload.length + " bytes, keyId=" + keyId + "]";
  }
}
