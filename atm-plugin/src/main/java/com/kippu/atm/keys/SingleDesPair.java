package com.kippu.atm.keys;

import com.kippu.iso8583.security.SecurityModuleException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

/**
 * A double-length key held as two handles, one per half, each a DESede key whose three parts are
 * that half (triple DES with K1 = K2 = K3 is single DES): the retail MAC runs single DES under each
 * half, and a provider that keeps keys inside only offers operations, so the halves are separate
 * keys. Only {@link Cipher} operations are used on them, never their bytes.
 */
final class SingleDesPair {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private final SecretKey left;
  private final SecretKey right;

  SingleDesPair(SecretKey left, SecretKey right) {
    this.left = JceLinkKeys.requireDesede(left, "left half");
    this.right = JceLinkKeys.requireDesede(right, "right half");
  }

  /**
   * ISO 9797-1 MAC algorithm 3, padding method 1: DES-CBC under the left half over all blocks, then
   * the last block decrypted under the right half and encrypted under the left.
   */
  byte[] retailMac(byte[] data) {
    int n = Math.max(8, (data.length + 7) / 8 * 8);
    byte[] padded = Arrays.copyOf(data, n);
    try {
      Cipher cbc = Cipher.getInstance("DESede/CBC/NoPadding");
      cbc.init(Cipher.ENCRYPT_MODE, left, new IvParameterSpec(new byte[8]));
      byte[] chained = cbc.doFinal(padded);
      Cipher ecb = Cipher.getInstance("DESede/ECB/NoPadding");
      ecb.init(Cipher.DECRYPT_MODE, right);
      byte[] last = ecb.doFinal(chained, n - 8, 8);
      ecb.init(Cipher.ENCRYPT_MODE, left);
      return ecb.doFinal(last);
    } catch (GeneralSecurityException e) {
      throw new SecurityModuleException("MAC failed", e);
    }
  }

  /** The key's check value: the first 3 bytes of 8 zero bytes under triple DES (K1 K2 K1), hex. */
  String checkValue() {
    try {
      return HEX.formatHex(tripleDesEncrypt(new byte[8]), 0, 3);
    } catch (GeneralSecurityException e) {
      throw new SecurityModuleException("check value failed", e);
    }
  }

  /** One block under the double-length key: encrypt left, decrypt right, encrypt left. */
  private byte[] tripleDesEncrypt(byte[] block) throws GeneralSecurityException {
    Cipher ecb = Cipher.getInstance("DESede/ECB/NoPadding");
    ecb.init(Cipher.ENCRYPT_MODE, left);
    byte[] a = ecb.doFinal(block);
    ecb.init(Cipher.DECRYPT_MODE, right);
    byte[] b = ecb.doFinal(a);
    ecb.init(Cipher.ENCRYPT_MODE, left);
    return ecb.doFinal(b);
  }
}
