package com.kippu.atm.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Master keys in a PKCS#12 file, each a secret key entry protected by the store's password. The
 * file is written only when a terminal is provisioned ({@link #create}); the plugin only reads it.
 */
public final class Pkcs12KeyStorage implements KeyStorage {
  private final KeyStore store;
  private final char[] password;

  private Pkcs12KeyStorage(KeyStore store, char[] password) {
    this.store = store;
    this.password = password.clone();
  }

  /**
   * Opens {@code file} with {@code password}.
   *
   * @throws IllegalArgumentException when the file is missing, not PKCS#12, or the password is
   *     wrong (the message names the file, never the password)
   */
  public static Pkcs12KeyStorage open(Path file, char[] password) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      return new Pkcs12KeyStorage(ks, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "key store " + file + " could not be read (missing, not PKCS#12, or wrong password)", e);
    }
  }

  /**
   * Writes a new store at {@code file} holding {@code keys} by name as raw secret entries
   * (provisioning keys read as bytes, such as the card access key). A TMK is written through {@link
   * #createWithEntries} with {@link JceLinkKeys#entries}, so the plugin can use it as a handle.
   */
  public static void create(Path file, char[] password, Map<String, byte[]> keys) {
    Map<String, SecretKey> entries = new LinkedHashMap<>();
    keys.forEach((name, bytes) -> entries.put(name, new SecretKeySpec(bytes, "AES")));
    createWithEntries(file, password, entries);
  }

  /** Writes a new store at {@code file} holding {@code keys} by name (provisioning). */
  public static void createWithEntries(Path file, char[] password, Map<String, SecretKey> keys) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, password);
      for (Map.Entry<String, SecretKey> k : keys.entrySet()) {
        ks.setEntry(
            k.getKey(),
            new KeyStore.SecretKeyEntry(k.getValue()),
            new KeyStore.PasswordProtection(password));
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        ks.store(out, password);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("key store " + file + " could not be written", e);
    }
  }

  @Override
  public SecretKey key(String name) {
    try {
      KeyStore.Entry entry = store.getEntry(name, new KeyStore.PasswordProtection(password));
      if (entry instanceof KeyStore.SecretKeyEntry secret) {
        return secret.getSecretKey();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "key " + name + " could not be read from the key store", e);
    }
    throw new IllegalArgumentException("the key store holds no secret key " + name);
  }

  /** Forgets the password held for reading entries. */
  public void close() {
    Arrays.fill(password, '\0');
  }
}
