package com.kippu.center.user;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens a user's PIN block as an encrypting PIN pad made it: ISO 9564-1 format 0 (PIN field XOR PAN
 * field, the PAN from {@link UserPan}) under a double-length TDEA key (K1 K2 K1, ECB). The clear
 * block and digits live only inside {@link #open} and are wiped before it returns; a block that
 * does not decode to a well-formed PIN field (wrong key, wrong user, tampering) is refused.
 */
public final class PinBlocks {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private PinBlocks() {}

  /** The PIN inside {@code block} (16 hex digits) for {@code user}; empty when malformed. */
  public static Optional<Pin> open(byte[] key16, String block, UserId user) {
    return open(key16, block, UserPan.of(user));
  }

  /**
   * The PIN inside {@code block} (16 hex digits) formed for account number {@code pan} ({@link
   * UserPan} or {@link AccountPan}); empty when malformed.
   */
  public static Optional<Pin> open(byte[] key16, String block, String pan) {
    if (block == null || !block.matches("[0-9A-Fa-f]{16}")) {
      return Optional.empty();
    }
    byte[] clear = tdea(Cipher.DECRYPT_MODE, key16, HEX.parseHex(block));
    byte[] panField = panField(pan);
    char[] digits = new char[12];
    try {
      for (int i = 0; i < 8; i++) {
        clear[i] ^= panField[i];
      }
      int control = (clear[0] >> 4) & 0x0F;
      int length = clear[0] & 0x0F;
      if (control != 0 || length < 4 || length > 12) {
        return Optional.empty();
      }
      for (int i = 0; i < 14; i++) {
        int nibble = i + 2;
        int b = clear[nibble / 2];
        int d = nibble % 2 == 0 ? (b >> 4) & 0x0F : b & 0x0F;
        if (i < length ? d > 9 : d != 0x0F) {
          return Optional.empty();
        }
        if (i < length) {
          digits[i] = (char) ('0' + d);
        }
      }
      return Optional.of(new Pin(new String(digits, 0, length)));
    } finally {
      Arrays.fill(clear, (byte) 0);
      Arrays.fill(digits, '\0');
    }
  }

  /** Key check value: the first 3 bytes of 8 zero bytes encrypted under the key, as hex. */
  public static String checkValue(byte[] key16) {
    return HEX.formatHex(tdea(Cipher.ENCRYPT_MODE, key16, new byte[8]), 0, 3);
  }

  /** Whether {@code kcv} (6 hex digits, any case) is the check value of {@code key16}. */
  public static boolean checks(byte[] key16, String kcv) {
    return kcv != null
        && MessageDigest.isEqual(
            checkValue(key16).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            kcv.toUpperCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  /** {@code key16} encrypted (or decrypted) under {@code kek16}, TDEA ECB, as key exchange does. */
  public static byte[] underKey(int mode, byte[] kek16, byte[] key16) {
    return tdea(mode, kek16, key16);
  }

  /** ISO 9564-1 format 0 PAN field: 0000 and the 12 rightmost PAN digits before the check digit. */
  static byte[] panField(String pan) {
    String twelve = pan.substring(pan.length() - 13, pan.length() - 1);
    byte[] f = new byte[8];
    for (int i = 0; i < 12; i++) {
      int nibble = i + 4;
      int d = twelve.charAt(i) - '0';
      f[nibble / 2] |= (byte) (nibble % 2 == 0 ? d << 4 : d);
    }
    return f;
  }

  /** TDEA ECB without padding, double-length key used as K1 K2 K1. */
  static byte[] tdea(int mode, byte[] key16, byte[] data) {
    byte[] k24 = Arrays.copyOf(key16, 24);
    System.arraycopy(key16, 0, k24, 16, 8);
    try {
      Cipher c = Cipher.getInstance("DESede/ECB/NoPadding");
      c.init(mode, new SecretKeySpec(k24, "DESede"));
      return c.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TDEA is required by every JDK", e);
    } finally {
      Arrays.fill(k24, (byte) 0);
    }
  }
}
