package com.kippu.center.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/** The JDK's Ed25519 (S1 ¶61 issuer signature): key generation, encoding, sign and verify. */
public final class Ed25519 {
  public static final String ALGORITHM = "Ed25519";

  private Ed25519() {}

  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks Ed25519", e);
    }
  }

  /** Decodes a private key stored as PKCS#8. */
  public static PrivateKey privateKey(byte[] pkcs8) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("stored issuer private key is unusable", e);
    }
  }

  /** Decodes a public key published as X.509 SubjectPublicKeyInfo. */
  public static PublicKey publicKey(byte[] x509) throws GeneralSecurityException {
    return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
  }

  static byte[] sign(PrivateKey key, byte[] payload) {
    try {
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(key);
      signer.update(payload);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** True when {@code document} carries a valid Ed25519 signature by {@code key}. */
  public static boolean verify(SignedDocument document, PublicKey key) {
    if (!ALGORITHM.equals(document.algorithm())) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key);
      verifier.update(document.payload());
      return verifier.verify(document.signature());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
