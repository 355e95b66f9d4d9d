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
