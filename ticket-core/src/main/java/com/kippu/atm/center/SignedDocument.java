package com.kippu.atm.center;

import java.util.Arrays;
import java.util.Objects;

/**
 * Bytes an issuer signed (S1 ¶61) and the signature over exactly those bytes. The payload is kept
 * as received, so verification never depends on re-serialising JSON.
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
    return "SignedDocument[keyId=" + keyId + ", " + payload.length + " bytes]";
  }
}
