package com.kippu.center.user;

import java.util.Objects;

/**
 * A PIN as stored: algorithm, iteration count, salt and derived key. The PIN itself is never kept.
 */
public record PinHash(String algorithm, int iterations, byte[] salt, byte[] hash) {
  public PinHash {
    Objects.requireNonNull(algorithm, "algorithm");
    salt = salt.clone();
    hash = hash.clone();
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public String toString() {
    return "PinHash[" + algorithm + ", " + iterations + " iterations]";
  }
}
