package com.kippu.center.user;

import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;

/**
 * What an encrypting PIN pad does with a typed PIN, for tests: the ISO 9564-1 format 0 block for a
 * user id's account number ({@link UserPan}) or a bank account's ({@link AccountPan}) under a
 * double-length TDEA key.
 */
public final class FakePinPad {
  private FakePinPad() {}

  public static String block(byte[] key16, String pin, UserId user) {
    return block(key16, pin, UserPan.of(user));
  }

  /** The block for account number {@code pan} (a bank account's {@link AccountPan}). */
  public static String block(byte[] key16, String pin, String pan) {
    byte[] clear = new byte[8];
    Arrays.fill(clear, (byte) 0xFF);
    clear[0] = (byte) pin.length();
    for (int i = 0; i < pin.length(); i++) {
      int nibble = i + 2;
      int d = pin.charAt(i) - '0';
      int b = nibble / 2;
      clear[b] = (byte) (nibble % 2 == 0 ? (clear[b] & 0x0F) | (d << 4) : (clear[b] & 0xF0) | d);
    }
    byte[] field = PinBlocks.panField(pan);
    for (int i = 0; i < 8; i++) {
      clear[i] ^= field[i];
    }
    return HexFormat.of()
        .withUpperCase()
        .formatHex(PinBlocks.tdea(Cipher.ENCRYPT_MODE, key16, clear));
  }

  /** The PIN key the center sent, as the PIN pad recovers it under its master key. */
  public static byte[] key(byte[] master16, String keyUnderMasterHex) {
    return PinBlocks.underKey(
        Cipher.DECRYPT_MODE, master16, HexFormat.of().parseHex(keyUnderMasterHex));
  }
}
