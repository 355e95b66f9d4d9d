package com.kippu.iso8583.security;

import java.util.Arrays;

/**
 * ISO 9564-1 format 0 PIN blocks (jPOS SMAdapter.FORMAT01): PIN field {@code 0 | length | PIN | F
 * padding} XOR PAN field {@code 0000 | 12 rightmost PAN digits excluding the check digit}. Only a
 * PIN pad builds a clear block; only the security module reads one.
 */
public final class Iso9564 {
  private Iso9564() {}

  /**
   * The clear format 0 block of {@code pin} for card {@code pan}. For PIN pads: the caller wipes
   * {@code pin} and the returned array after encrypting it.
   */
  public static byte[] format0(char[] pin, String pan) {
    if (pin.length < 4 || pin.length > 12) {
      throw new IllegalArgumentException("a PIN has 4 to 12 digits");
    }
    byte[] pinField = new byte[8];
    Arrays.fill(pinField, (byte) 0xFF);
    pinField[0] = (byte) pin.length;
    for (int i = 0; i < pin.length; i++) {
      char c = pin[i];
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("a PIN has digits only");
      }
      setNibble(pinField, i + 2, c - '0');
    }
    byte[] panField = panField(pan);
    for (int i = 0; i < 8; i++) {
      pinField[i] ^= panField[i];
    }
    return pinField;
  }

  /**
   * The PIN digits of a clear format 0 block, or null when it is not one for {@code pan}. Package
   * private: only the security module calls it, and wipes the result.
   */
  static char[] pinOf(byte[] clearBlock, String pan) {
    byte[] panField = panField(pan);
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (clearBlock[i] ^ panField[i]);
    }
    try {
      int control = nibble(b, 0);
      int length = nibble(b, 1);
      if (control != 0 || length < 4 || length > 12) {
        return null;
      }
      char[] pin = new char[length];
      for (int i = 0; i < 16 - 2; i++) {
        int n = nibble(b, i + 2);
        if (i < length) {
          if (n > 9) {
            Arrays.fill(pin, '\0');
            return null;
          }
          pin[i] = (char) ('0' + n);
        } else if (n != 0xF) {
          Arrays.fill(pin, '\0');
          return null;
        }
      }
      return pin;
    } finally {
      Arrays.fill(b, (byte) 0);
    }
  }

  /**
   * ISO 9564 format 0 PAN field: 4 zero nibbles and the 12 rightmost digits before the check digit.
   */
  private static byte[] panField(String pan) {
    if (pan == null || !pan.matches("\\d{13,19}")) {
      throw new IllegalArgumentException("PAN must be 13 to 19 digits");
    }
    String digits = pan.substring(pan.length() - 13, pan.length() - 1);
    byte[] f = new byte[8];
    for (int i = 0; i < 12; i++) {
      setNibble(f, i + 4, digits.charAt(i) - '0');
    }
    return f;
  }

  private static void setNibble(byte[] b, int index, int value) {
    int shift = index % 2 == 0 ? 4 : 0;
    b[index / 2] = (byte) ((b[index / 2] & ~(0xF << shift)) | (value << shift));
  }

  private static int nibble(byte[] b, int index) {
    return index % 2 == 0 ? (b[index / 2] >> 4) & 0xF : b[index / 2] & 0xF;
  }
}
