package com.kippu.iso8583.security;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A double-length triple-DES key as it exists outside the security module: encrypted under the LMK
 * variant of its type, with its check value (first 3 bytes of 8 zero bytes encrypted under the
 * clear key). Safe to store and log; useless without the module that holds the LMK.
 */
public record StoredKey(KeyType type, byte[] underLmk, String checkValue) {
  public StoredKey {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(checkValue, "checkValue");
    if (underLmk.length != 16) {
      throw new IllegalArgumentException("a stored key is 16 bytes");
    }
    underLmk = underLmk.clone();
  }

  @Override
  public byte[] underLmk() {
    return underLmk.clone();
  }

  /** Text form for a database column: {@code TYPE:hex:checkvalue}. */
  public String encode() {
    return type + ":" + HexFormat.of().formatHex(underLmk) + ":" + checkValue;
  }

  /** Reads {@link #encode()}'s form. */
  public static StoredKey decode(String text) {
    String[] p = text.split(":");
    if (p.length != 3) {
      throw new IllegalArgumentException("not a stored key");
    }
    return new StoredKey(KeyType.valueOf(p[0]), HexFormat.of().parseHex(p[1]), p[2]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredKey k
        && k.type == type
        && Arrays.equals(k.underLmk, underLmk)
        && k.checkValue.equals(checkValue);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, Arrays.hashCode(underLmk), checkValue);
  }

  @Override
  public String toString() {
    return type + "(kcv " + checkValue + ")";
  }
}
