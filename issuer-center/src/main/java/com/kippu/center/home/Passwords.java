package com.kippu.center.home;

import com.kippu.center.user.PinHash;
import com.kippu.center.user.PinHasher;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Home PC passwords, hashed like PINs ({@link PinHasher#ALGORITHM}, random salt, recorded
 * iterations), compared in constant time. 8 to 64 characters.
 */
final class Passwords {
  private final int iterations;
  private final SecureRandom random;

  Passwords(int iterations, SecureRandom random) {
    this.iterations = iterations;
    this.random = random;
  }

  static boolean acceptable(char[] password) {
    return password.length >= 8 && password.length <= 64;
  }

  PinHash hash(char[] password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return new PinHash(
        PinHasher.ALGORITHM, iterations, salt, derive(password.clone(), salt, iterations));
  }

  boolean matches(char[] password, PinHash stored) {
    return PinHasher.ALGORITHM.equals(stored.algorithm())
        && MessageDigest.isEqual(
            derive(password.clone(), stored.salt(), stored.iterations()), stored.hash());
  }

  /**
   * Seals {@code plain} under a key derived from the password with {@code salt} (its own, not the
   * verifier's): AES-256-GCM, the 12-byte nonce first.
   */
  byte[] seal(char[] password, byte[] salt, byte[] plain) {
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    try {
      javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          javax.crypto.Cipher.ENCRYPT_MODE,
          new javax.crypto.spec.SecretKeySpec(derive(password.clone(), salt, iterations), "AES"),
          new javax.crypto.spec.GCMParameterSpec(128, nonce));
      byte[] sealed = c.doFinal(plain);
      byte[] out = Arrays.copyOf(nonce, nonce.length + sealed.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** Opens what {@link #seal} sealed with the same password, salt and iteration count. */
  byte[] unseal(char[] password, byte[] salt, int rounds, byte[] sealed)
      throws GeneralSecurityException {
    javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
    c.init(
        javax.crypto.Cipher.DECRYPT_MODE,
        new javax.crypto.spec.SecretKeySpec(derive(password.clone(), salt, rounds), "AES"),
        new javax.crypto.spec.GCMParameterSpec(128, sealed, 0, 12));
    return c.doFinal(sealed, 12, sealed.length - 12);
  }

  byte[] salt() {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return salt;
  }

  private static byte[] derive(char[] password, byte[] salt, int rounds) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, rounds, 256);
    try {
      return SecretKeyFactory.getInstance(PinHasher.ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(PinHasher.ALGORITHM + " unavailable", e);
    } finally {
      spec.clearPassword();
      Arrays.fill(password, '\0');
    }
  }
}
