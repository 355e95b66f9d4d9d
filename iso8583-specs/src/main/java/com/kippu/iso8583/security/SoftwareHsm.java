package com.kippu.iso8583.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A software security module under the project's control, in the role of a host or terminal HSM: it
 * holds the local master key (LMK) and every other key only as a {@link StoredKey} encrypted under
 * the LMK variant of its type. Clear keys and clear PINs exist only inside its methods and are
 * wiped before they return. Operations: key generation, import and export under a TMK, ISO 9797-1
 * MAC algorithm 3 (the retail MAC of ANSI X9.19), ISO 9564 format 0 PIN encryption and verification
 * against a salted PIN verification value, and keyed tokens for stored identifiers. Thread-safe.
 *
 * <p>MAC keys are the exception to "opened per call": a MAC runs on every message, so the module
 * keeps each MAC key it has used as DES key schedules ({@link RetailMac}) in its own memory, the
 * way a hardware module keeps its working keys loaded; the clear key bytes are still wiped once the
 * schedules are made. Token keys are kept the same way, as initialized HMACs.
 */
public final class SoftwareHsm {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  /** Variant applied to a TMK to derive the key that MACs key-exchange messages. */
  private static final int KEY_EXCHANGE_MAC_VARIANT = 0x5A;

  /** MAC keys kept set up at once; far more than a host's terminals use in one key period. */
  private static final int MAX_MAC_KEYS = 4096;

  private final byte[] lmk;
  private final SecureRandom random;
  private final ConcurrentHashMap<MacKeyId, RetailMacKey> macKeys = new ConcurrentHashMap<>();

  /**
   * Initialized token HMACs per purpose (a handful of purposes), each used by one thread at once.
   */
  private final ConcurrentHashMap<String, ConcurrentLinkedQueue<Mac>> tokenMacs =
      new ConcurrentHashMap<>();

  private SoftwareHsm(byte[] lmk, SecureRandom random) {
    this.lmk = lmk.clone();
    this.random = random;
  }

  /**
   * A module with the given 16-byte LMK (e.g. read from its protected key file).
   *
   * @param random the source for generated keys and salts
   */
  public static SoftwareHsm withLmk(byte[] lmk, SecureRandom random) {
    Objects.requireNonNull(lmk, "lmk");
    Objects.requireNonNull(random, "random");
    if (lmk.length != 16) {
      throw new IllegalArgumentException("the LMK is a 16-byte double-length key");
    }
    return new SoftwareHsm(lmk, random);
  }

  /** A fresh random 16-byte LMK, for a new module's key file. */
  public static byte[] newLmk(SecureRandom random) {
    byte[] k = new byte[16];
    random.nextBytes(k);
    return k;
  }

  /** Takes in a clear key (e.g. a TMK entered from its components at installation). */
  public StoredKey importClear(KeyType type, byte[] clear) {
    Objects.requireNonNull(type, "type");
    if (clear.length != 16) {
      throw new SecurityModuleException("a key is 16 bytes (double-length triple DES)");
    }
    return store(type, clear);
  }

  /** A new random key of {@code type}. */
  public StoredKey generate(KeyType type) {
    byte[] clear = new byte[16];
    random.nextBytes(clear);
    try {
      return store(type, clear);
    } finally {
      Arrays.fill(clear, (byte) 0);
    }
  }

  /** {@code key} encrypted under {@code tmk} (triple DES ECB), as it travels in 0810 field 48. */
  public byte[] exportUnderTmk(StoredKey key, StoredKey tmk) {
    require(tmk, KeyType.TMK);
    if (key.type() == KeyType.TMK) {
      throw new SecurityModuleException("a TMK is never exported");
    }
    byte[] clear = open(key);
    byte[] kek = open(tmk);
    try {
      return des3(Cipher.ENCRYPT_MODE, kek, clear);
    } finally {
      wipe(clear, kek);
    }
  }

  /**
   * Takes in a working key received encrypted under {@code tmk}.
   *
   * @throws SecurityModuleException when the check value does not match (wrong TMK or damage)
   */
  public StoredKey importUnderTmk(
      KeyType type, byte[] encrypted, StoredKey tmk, String checkValue) {
    require(tmk, KeyType.TMK);
    if (type == KeyType.TMK || encrypted.length != 16) {
      throw new SecurityModuleException("only 16-byte working keys are imported under a TMK");
    }
    byte[] kek = open(tmk);
    byte[] clear = des3(Cipher.DECRYPT_MODE, kek, encrypted);
    try {
      String kcv = checkValue(clear);
      if (!MessageDigest.isEqual(
          kcv.getBytes(StandardCharsets.US_ASCII),
          checkValue.toUpperCase().getBytes(StandardCharsets.US_ASCII))) {
        throw new SecurityModuleException("imported " + type + " does not match its check value");
      }
      return store(type, clear);
    } finally {
      wipe(clear, kek);
    }
  }

  /** ISO 9797-1 MAC algorithm 3, padding method 1 (zeros), DES, 8 bytes, under a TAK. */
  public byte[] mac(StoredKey tak, byte[] data) {
    return mac(tak, data, 0, data.length);
  }

  /**
   * As {@link #mac(StoredKey, byte[])} over {@code length} bytes of {@code data} from {@code from}.
   */
  public byte[] mac(StoredKey tak, byte[] data, int from, int length) {
    require(tak, KeyType.TAK);
    Objects.checkFromIndexSize(from, length, data.length);
    return macKey(tak, false).mac(data, from, length);
  }

  /**
   * The MAC of a key-exchange message (0800/0810) under the TMK's key-exchange variant, so keys can
   * be changed whatever state the working keys are in.
   */
  public byte[] keyExchangeMac(StoredKey tmk, byte[] data) {
    return keyExchangeMac(tmk, data, 0, data.length);
  }

  /** As {@link #keyExchangeMac(StoredKey, byte[])} over part of {@code data}. */
  public byte[] keyExchangeMac(StoredKey tmk, byte[] data, int from, int length) {
    require(tmk, KeyType.TMK);
    Objects.checkFromIndexSize(from, length, data.length);
    return macKey(tmk, true).mac(data, from, length);
  }

  /** Constant-time comparison of a received MAC with the one computed here. */
  public static boolean sameMac(byte[] expected, byte[] received) {
    return received != null && MessageDigest.isEqual(expected, received);
  }

  /** Encrypts a clear format 0 PIN block under a TPK (the PIN pad's job) and wipes the input. */
  public byte[] encryptPinBlock(StoredKey tpk, byte[] clearBlock) {
    require(tpk, KeyType.TPK);
    byte[] k = open(tpk);
    try {
      return des3(Cipher.ENCRYPT_MODE, k, clearBlock);
    } finally {
      wipe(k, clearBlock);
    }
  }

  /**
   * A salted PIN verification value for enrolment: HMAC-SHA256 under the module's PIN verification
   * key (derived from the LMK) over salt, PAN and PIN. The caller wipes {@code pin}.
   */
  public byte[] pinVerificationValue(String pan, char[] pin, byte[] salt) {
    Objects.requireNonNull(pan, "pan");
    Objects.requireNonNull(salt, "salt");
    return pvv(pan, pin, salt);
  }

  /** A fresh salt for {@link #pinVerificationValue}. */
  public byte[] newSalt() {
    byte[] s = new byte[16];
    random.nextBytes(s);
    return s;
  }

  /**
   * Decrypts {@code encryptedBlock} under {@code tpk}, reads the PIN for {@code pan} and compares
   * its verification value with {@code storedPvv} in constant time. The PIN never leaves.
   */
  public PinCheck verifyPin(
      StoredKey tpk, byte[] encryptedBlock, String pan, byte[] salt, byte[] storedPvv) {
    require(tpk, KeyType.TPK);
    if (encryptedBlock == null || encryptedBlock.length != 8) {
      return PinCheck.MALFORMED;
    }
    byte[] k = open(tpk);
    byte[] clear = des3(Cipher.DECRYPT_MODE, k, encryptedBlock);
    char[] pin = null;
    try {
      pin = Iso9564.pinOf(clear, pan);
      if (pin == null) {
        return PinCheck.MALFORMED;
      }
      byte[] candidate = pvv(pan, pin, salt);
      return MessageDigest.isEqual(candidate, storedPvv) ? PinCheck.MATCH : PinCheck.MISMATCH;
    } catch (IllegalArgumentException e) {
      return PinCheck.MALFORMED;
    } finally {
      wipe(k, clear);
      if (pin != null) {
        Arrays.fill(pin, '\0');
      }
    }
  }

  /**
   * A keyed token of {@code value} for {@code purpose} (HMAC-SHA256 under a key derived from the
   * LMK), hex: lets a store index card and account numbers without holding them.
   */
  public String token(String purpose, String value) {
    Objects.requireNonNull(value, "value");
    ConcurrentLinkedQueue<Mac> idle =
        tokenMacs.computeIfAbsent(purpose, p -> new ConcurrentLinkedQueue<>());
    Mac mac = idle.poll();
    if (mac == null) {
      mac = tokenMac(purpose);
    }
    try {
      return HEX.formatHex(mac.doFinal(value.getBytes(StandardCharsets.US_ASCII)));
    } finally {
      // doFinal leaves the Mac initialized under the same key, ready for the next token.
      idle.offer(mac);
    }
  }

  /** An HMAC-SHA256 initialized under the token key of {@code purpose}. */
  private Mac tokenMac(String purpose) {
    byte[] k = derived("token:" + purpose);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(k, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new SecurityModuleException("token failed", e);
    } finally {
      wipe(k);
    }
  }

  // ---- inside the module ----------------------------------------------------------------------

  private byte[] pvv(String pan, char[] pin, byte[] salt) {
    byte[] k = derived("pvk");
    byte[] pinBytes = new byte[pin.length];
    try {
      for (int i = 0; i < pin.length; i++) {
        pinBytes[i] = (byte) pin[i];
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(k, "HmacSHA256"));
      mac.update(salt);
      mac.update(pan.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '|');
      return mac.doFinal(pinBytes);
    } catch (GeneralSecurityException e) {
      throw new SecurityModuleException("PIN verification value failed", e);
    } finally {
      wipe(k, pinBytes);
    }
  }

  private byte[] derived(String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(lmk, "HmacSHA256"));
      return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new SecurityModuleException("key derivation failed", e);
    }
  }

  private StoredKey store(KeyType type, byte[] clear) {
    byte[] variant = lmkVariant(type);
    try {
      return new StoredKey(type, des3(Cipher.ENCRYPT_MODE, variant, clear), checkValue(clear));
    } finally {
      wipe(variant);
    }
  }

  private byte[] open(StoredKey key) {
    byte[] variant = lmkVariant(key.type());
    try {
      return des3(Cipher.DECRYPT_MODE, variant, key.underLmk());
    } finally {
      wipe(variant);
    }
  }

  private byte[] lmkVariant(KeyType type) {
    byte[] v = lmk.clone();
    v[0] ^= (byte) type.variant();
    v[8] ^= (byte) type.variant();
    return v;
  }

  private static void require(StoredKey key, KeyType type) {
    Objects.requireNonNull(key, "key");
    if (key.type() != type) {
      throw new SecurityModuleException("a " + type + " is required, not a " + key.type());
    }
  }

  /** Key check value: first 3 bytes of 8 zero bytes encrypted under the key, hex. */
  private static String checkValue(byte[] clear) {
    return HEX.formatHex(des3(Cipher.ENCRYPT_MODE, clear, new byte[8]), 0, 3);
  }

  /** Triple DES ECB with a double-length key (K1 K2 K1), no padding. */
  private static byte[] des3(int mode, byte[] key16, byte[] data) {
    byte[] k24 = new byte[24];
    System.arraycopy(key16, 0, k24, 0, 16);
    System.arraycopy(key16, 0, k24, 16, 8);
    try {
      Cipher c = Cipher.getInstance("DESede/ECB/NoPadding");
      c.init(mode, new SecretKeySpec(k24, "DESede"));
      return c.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new SecurityModuleException("triple DES failed", e);
    } finally {
      wipe(k24);
    }
  }

  /** The ready MAC key for {@code key} (its key-exchange variant when asked), set up once. */
  private RetailMacKey macKey(StoredKey key, boolean keyExchange) {
    MacKeyId id = new MacKeyId(key, keyExchange);
    RetailMacKey k = macKeys.get(id);
    if (k != null) {
      return k;
    }
    if (macKeys.size() >= MAX_MAC_KEYS) {
      // Old working keys are not worth keeping; whatever is still used is set up again.
      macKeys.clear();
    }
    return macKeys.computeIfAbsent(id, i -> new RetailMacKey(this, i));
  }

  /** A MAC key as the cache knows it: the stored key and whether its key-exchange variant. */
  private record MacKeyId(StoredKey key, boolean keyExchange) {}

  /**
   * ISO 9797-1 MAC algorithm 3 with padding method 1 under one key: DES-CBC under the left half
   * over all blocks, then the last block decrypted under the right half and encrypted under the
   * left. The ciphers are initialized once (the key schedules made) and pooled, since a Cipher
   * serves one thread at a time; the key is opened from its stored form only to make another set.
   */
  private static final class RetailMacKey {
    private final SoftwareHsm hsm;
    private final MacKeyId id;
    private final ConcurrentLinkedQueue<Ciphers> idle = new ConcurrentLinkedQueue<>();

    RetailMacKey(SoftwareHsm hsm, MacKeyId id) {
      this.hsm = hsm;
      this.id = id;
      idle.add(newCiphers());
    }

    byte[] mac(byte[] data, int from, int length) {
      Ciphers c = idle.poll();
      if (c == null) {
        c = newCiphers();
      }
      try {
        return c.mac(data, from, length);
      } finally {
        idle.offer(c);
      }
    }

    private Ciphers newCiphers() {
      byte[] k = hsm.open(id.key());
      byte[] left = null;
      byte[] right = null;
      try {
        if (id.keyExchange()) {
          for (int i = 0; i < k.length; i++) {
            k[i] ^= KEY_EXCHANGE_MAC_VARIANT;
          }
        }
        left = Arrays.copyOfRange(k, 0, 8);
        right = Arrays.copyOfRange(k, 8, 16);
        return new Ciphers(left, right);
      } finally {
        wipe(k, left, right);
      }
    }
  }

  /** One set of initialized ciphers of a MAC key, and its scratch buffers. */
  private static final class Ciphers {
    private final Cipher cbcLeft;
    private final Cipher ecbRightDecrypt;
    private final Cipher ecbLeftEncrypt;
    private byte[] padded = new byte[256];
    private byte[] chained = new byte[256];
    private final byte[] last = new byte[8];

    Ciphers(byte[] left, byte[] right) {
      try {
        SecretKeySpec l = new SecretKeySpec(left, "DES");
        SecretKeySpec r = new SecretKeySpec(right, "DES");
        cbcLeft = Cipher.getInstance("DES/CBC/NoPadding");
        cbcLeft.init(Cipher.ENCRYPT_MODE, l, new IvParameterSpec(new byte[8]));
        ecbRightDecrypt = Cipher.getInstance("DES/ECB/NoPadding");
        ecbRightDecrypt.init(Cipher.DECRYPT_MODE, r);
        ecbLeftEncrypt = Cipher.getInstance("DES/ECB/NoPadding");
        ecbLeftEncrypt.init(Cipher.ENCRYPT_MODE, l);
      } catch (GeneralSecurityException e) {
        throw new SecurityModuleException("MAC key could not be set up", e);
      }
    }

    byte[] mac(byte[] data, int from, int length) {
      // Padding method 1: zeros up to a whole block, at least one block.
      int n = Math.max(8, (length + 7) / 8 * 8);
      if (padded.length < n) {
        padded = new byte[n];
        chained = new byte[n];
      }
      System.arraycopy(data, from, padded, 0, length);
      Arrays.fill(padded, length, n, (byte) 0);
      try {
        // doFinal leaves the cipher as initialized (IV zero again) for the next MAC.
        cbcLeft.doFinal(padded, 0, n, chained, 0);
        ecbRightDecrypt.doFinal(chained, n - 8, 8, last, 0);
        byte[] mac = new byte[8];
        ecbLeftEncrypt.doFinal(last, 0, 8, mac, 0);
        return mac;
      } catch (GeneralSecurityException e) {
        throw new SecurityModuleException("MAC failed", e);
      } finally {
        Arrays.fill(padded, 0, n, (byte) 0);
        Arrays.fill(chained, 0, n, (byte) 0);
        Arrays.fill(last, (byte) 0);
      }
    }
  }

  private static void wipe(byte[]... arrays) {
    for (byte[] a : arrays) {
      if (a != null) {
        Arrays.fill(a, (byte) 0);
      }
    }
  }
}
