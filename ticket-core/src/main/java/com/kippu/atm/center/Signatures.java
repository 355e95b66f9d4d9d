package com.kippu.atm.center;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/** Issuer signature checks, shared by the terminal and the gate (F8), which verify offline. */
public final class Signatures {
  public static final String ED25519 = "Ed25519";

  private Signatures() {}

  /** True when {@code document}'s signature is the issuer's over its exact payload bytes. */
  public static boolean verify(SignedDocument document, PublicKey issuerKey) {
    if (!ED25519.equals(document.algorithm())) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(ED25519);
      verifier.initVerify(issuerKey);
      verifier.update(document.payload());
      return verifier.verify(document.signature());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Decodes an Ed25519 public key published as X.509 SubjectPublicKeyInfo. */
  public static PublicKey ed25519PublicKey(byte[] encoded) throws GeneralSecurityException {
    return KeyFactory.getInstance(ED25519).generatePublic(new X509EncodedKeySpec(encoded));
  }
}
