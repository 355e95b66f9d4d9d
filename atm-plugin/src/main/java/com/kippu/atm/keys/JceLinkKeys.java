package com.kippu.atm.keys;

import com.kippu.iso8583.security.SecurityModuleException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The link keys as JCE key handles, used only through {@link Cipher}: the plugin never asks a key
 * for its bytes, so a provider whose keys cannot be extracted (a PKCS#11 token) serves as well as a
 * PKCS#12 store. Gives the same check values and MACs as {@link SoftwareLinkKeys} for the same TMK.
 *
 * <p>A JCE provider applies no key variants, so the TMK's key-exchange MAC key (the TMK with every
 * byte XORed with 0x5A) is provisioned beside the TMK as two more keys, its halves (see {@link
 * SingleDesPair}). Under its name a {@link KeyStorage} holds the TMK as a 24-byte DESede key (K1 K2
 * K1); under {@code name.keyExchangeMacLeft} and {@code name.keyExchangeMacRight} the halves of the
 * key-exchange MAC key; {@link #entries} writes them at provisioning. Working keys are unwrapped
 * under the TMK into handles of the same provider, half by half, and stay there.
 */
public final class JceLinkKeys implements LinkKeyModule {
  /** Suffix of the key-exchange MAC key's left half beside a TMK's name. */
  public static final String KEY_EXCHANGE_LEFT = ".keyExchangeMacLeft";

  /** Suffix of the key-exchange MAC key's right half beside a TMK's name. */
  public static final String KEY_EXCHANGE_RIGHT = ".keyExchangeMacRight";

  private static final int KEY_EXCHANGE_MAC_VARIANT = 0x5A;
  private static final String DESEDE = "DESede";

  private final SecretKey tmk;
  private final SingleDesPair keyExchange;

  private JceLinkKeys(SecretKey tmk, SingleDesPair keyExchange) {
    this.tmk = tmk;
    this.keyExchange = keyExchange;
  }

  /**
   * The module for a TMK handle (DESede, K1 K2 K1) and the halves of its key-exchange MAC key
   * (DESede, each half three times).
   */
  public static JceLinkKeys of(
      SecretKey tmk, SecretKey keyExchangeLeft, SecretKey keyExchangeRight) {
    return new JceLinkKeys(
        requireDesede(tmk, "TMK"), new SingleDesPair(keyExchangeLeft, keyExchangeRight));
  }

  /**
   * The module for the TMK stored as {@code name} in {@code storage}, with its key-exchange MAC key
   * beside it.
   *
   * @throws IllegalArgumentException naming the key when one of the three is missing or not DESede
   */
  public static JceLinkKeys from(KeyStorage storage, String name) {
    SecretKey tmk = storage.key(name);
    if (!isDesede(tmk)) {
      throw new IllegalArgumentException(
          "the TMK must be a DESede key, not "
              + tmk.getAlgorithm()
              + " (a store written before TMKs were used as handles: provision it again)");
    }
    return of(tmk, storage.key(name + KEY_EXCHANGE_LEFT), storage.key(name + KEY_EXCHANGE_RIGHT));
  }

  /**
   * The three key store entries for the 16-byte {@code clearTmk} under {@code name}, for
   * provisioning (the one place a clear TMK is handled); the caller wipes {@code clearTmk}.
   */
  public static Map<String, SecretKey> entries(String name, byte[] clearTmk) {
    Objects.requireNonNull(name, "name");
    if (clearTmk.length != 16) {
      throw new IllegalArgumentException("a TMK is 16 bytes (double-length triple DES)");
    }
    byte[] variant = clearTmk.clone();
    for (int i = 0; i < variant.length; i++) {
      variant[i] ^= KEY_EXCHANGE_MAC_VARIANT;
    }
    Map<String, SecretKey> entries = new LinkedHashMap<>();
    try {
      entries.put(name, desede(clearTmk, 0, 8, 0));
      entries.put(name + KEY_EXCHANGE_LEFT, desede(variant, 0, 0, 0));
      entries.put(name + KEY_EXCHANGE_RIGHT, desede(variant, 8, 8, 8));
      return entries;
    } finally {
      Arrays.fill(variant, (byte) 0);
    }
  }

  @Override
  public void checkPinKey(byte[] tpkUnderTmk, String checkValue) {
    unwrapChecked(tpkUnderTmk, checkValue, "TPK");
  }

  @Override
  public UnaryOperator<byte[]> importMacKey(byte[] takUnderTmk, String checkValue) {
    SingleDesPair tak = unwrapChecked(takUnderTmk, checkValue, "TAK");
    return tak::retailMac;
  }

  @Override
  public byte[] keyExchangeMac(byte[] data) {
    return keyExchange.retailMac(data);
  }

  @Override
  public String toString() {
    return "JceLinkKeys[" + tmk.getAlgorithm() + " handle]";
  }

  /** A working key unwrapped under the TMK into two handles, after its check value matched. */
  private SingleDesPair unwrapChecked(byte[] underTmk, String checkValue, String what) {
    Objects.requireNonNull(checkValue, "checkValue");
    if (underTmk == null || underTmk.length != 16) {
      throw new SecurityModuleException("only 16-byte working keys are imported under a TMK");
    }
    SingleDesPair key;
    try {
      // ECB: each 8-byte block is one half; the block three times unwraps to that half's key.
      Cipher c = Cipher.getInstance("DESede/ECB/NoPadding");
      c.init(Cipher.UNWRAP_MODE, tmk);
      key =
          new SingleDesPair(
              unwrapHalf(c, Arrays.copyOfRange(underTmk, 0, 8)),
              unwrapHalf(c, Arrays.copyOfRange(underTmk, 8, 16)));
    } catch (GeneralSecurityException e) {
      throw new SecurityModuleException(what + " could not be unwrapped under the TMK", e);
    }
    if (!MessageDigest.isEqual(
        key.checkValue().getBytes(StandardCharsets.US_ASCII),
        checkValue.toUpperCase().getBytes(StandardCharsets.US_ASCII))) {
      throw new SecurityModuleException("imported " + what + " does not match its check value");
    }
    return key;
  }

  private static SecretKey unwrapHalf(Cipher c, byte[] block) throws GeneralSecurityException {
    byte[] thrice = new byte[24];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(block, 0, thrice, 8 * i, 8);
    }
    Key k = c.unwrap(thrice, DESEDE, Cipher.SECRET_KEY);
    if (!(k instanceof SecretKey secret)) {
      throw new SecurityModuleException("the provider unwrapped no secret key");
    }
    return secret;
  }

  /** A DESede key of the three 8-byte parts of {@code bytes} at the given offsets. */
  private static SecretKey desede(byte[] bytes, int first, int second, int third) {
    byte[] k24 = new byte[24];
    System.arraycopy(bytes, first, k24, 0, 8);
    System.arraycopy(bytes, second, k24, 8, 8);
    System.arraycopy(bytes, third, k24, 16, 8);
    try {
      return new SecretKeySpec(k24, DESEDE);
    } finally {
      Arrays.fill(k24, (byte) 0);
    }
  }

  static SecretKey requireDesede(SecretKey key, String what) {
    Objects.requireNonNull(key, what);
    if (!isDesede(key)) {
      throw new IllegalArgumentException(
          "the " + what + " must be a DESede key, not " + key.getAlgorithm());
    }
    return key;
  }

  private static boolean isDesede(SecretKey key) {
    return DESEDE.equalsIgnoreCase(key.getAlgorithm())
        || "TripleDES".equalsIgnoreCase(key.getAlgorithm());
  }
}
