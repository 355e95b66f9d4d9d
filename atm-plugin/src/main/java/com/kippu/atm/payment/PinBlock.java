package com.kippu.atm.payment;

import java.util.Arrays;
import java.util.Objects;

/**
 * A PIN as it leaves the PIN pad: an 8-byte block encrypted under the terminal PIN key (TPK). It
 * carries no clear PIN and cannot be read without the host's security module; {@link #toString()}
 * shows no bytes.
 */
public record PinBlock(byte[] encrypted, Format format) {
  /** PIN block formats. */
  public enum Format {
    /** ISO 9564-1 format 0 (ANSI X9.8): PIN field XOR PAN field. */
    ISO_9564_FORMAT_0
  }

  public PinBlock {
    Objects.requireNonNull(encrypted, "encrypted");
    Objects.requireNonNull(format, "format");
    if (encrypted.length != 8) {
      throw new IllegalArgumentException("a PIN block is 8 bytes");
    }
    encrypted = encrypted.clone();
  }

  @Override
  public byte[] encrypted() {
    return encrypted.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PinBlock p && p.format == format && Arrays.equals(p.encrypted, encrypted);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encrypted) * 31 + format.hashCode();
  }

  @Override
  public String toString() {
    return "PinBlock[" + format + "]";
  }
}
