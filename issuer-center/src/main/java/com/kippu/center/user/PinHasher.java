package com.kippu.center.user;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Slow salted PIN hashing with the JDK's PBKDF2WithHmacSHA256: 16-byte random salt, 256-bit key,
 * the configured iteration count (recorded in each hash, so raising it later keeps old hashes
 * verifiable). Comparison is constant time.
 */
public final class PinHasher {
  public static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final int SALT_BYTES = 16;
  private static final int KEY_BITS = 256;

  private final int iterations;
  private final SecureRandom random;

  public PinHasher(int iterations, SecureRandom random) {
    if (iterations < 1_000) {
      throw new IllegalArgumentException("too few PBKDF2 iterations: " + iterations);
    }
    this.iterations = iterations;
    this.random = random;
  }

  public PinHash hash(Pin pin) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return new PinHash(ALGORITHM, iterations, salt, derive(pin, salt, iterations));
  }

  public boolean matches(Pin pin, PinHash stored) {
    if (!ALGORITHM.equals(stored.algorithm())) {
      return false;
    }
    return MessageDigest.isEqual(derive(pin, stored.salt(), stored.iterations()), stored.hash());
  }

  private static byte[] derive(Pin pin, byte[] salt, int rounds) {
    char[] digits = pin.digits();
    PBEKeySpec spec = new PBEKeySpec(digits, salt, rounds, KEY_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " unavailable", e);
    } finally {
      spec.clearPassword();
      Arrays.fill(digits, '\0');
    }
  }
}
