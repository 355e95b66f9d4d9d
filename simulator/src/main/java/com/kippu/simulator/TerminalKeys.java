package com.kippu.simulator;

import com.kippu.atm.keys.JceLinkKeys;
import com.kippu.atm.keys.Pkcs12KeyStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Provisions the branch terminal's master keys as a bank would: into a PKCS#12 store the plugin
 * reads ({@code keys.store}), its password in an owner-only file ({@code keys.storePasswordFile}),
 * so no clear key is in the plugin's properties. Each terminal master key is written as the entries
 * the plugin uses as key handles (the TMK and its key-exchange MAC key, see {@link JceLinkKeys});
 * the card access key as its raw bytes.
 */
public final class TerminalKeys {
  static final String STORE = "terminal-keys.p12";
  static final String PASSWORD = "terminal-keys.pass";

  /** The configuration keys whose values are terminal master keys. */
  private static final List<String> TMK_NAMES =
      List.of(
          "bank.terminalMasterKey", "alternate.terminalMasterKey", "cardNetwork.terminalMasterKey");

  /** The configuration key of the card access key. */
  private static final String ACCESS_KEY = "card.accessKey";

  private TerminalKeys() {}

  /**
   * Moves every master key of {@code p} into the branch's key store (written anew) and points
   * {@code p} at it.
   */
  public static void moveIntoStore(Properties p, Path dir) throws IOException {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    for (String name : TMK_NAMES) {
      String hex = (String) p.remove(name);
      if (hex != null) {
        byte[] tmk = HexFormat.of().parseHex(hex);
        try {
          keys.putAll(JceLinkKeys.entries(name, tmk));
        } finally {
          Arrays.fill(tmk, (byte) 0);
        }
      }
    }
    String access = (String) p.remove(ACCESS_KEY);
    if (access != null) {
      keys.put(ACCESS_KEY, new SecretKeySpec(HexFormat.of().parseHex(access), "AES"));
    }
    Path passwordFile = dir.resolve(PASSWORD);
    // Created owner-only before anything secret is written into it.
    if (OwnerOnly.file(passwordFile)) {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      Files.writeString(passwordFile, HexFormat.of().formatHex(random));
    }
    char[] password = Files.readString(passwordFile).strip().toCharArray();
    Path store = dir.resolve(STORE);
    OwnerOnly.file(store);
    Pkcs12KeyStorage.createWithEntries(store, password, keys);
    p.setProperty("keys.store", store.toString());
    p.setProperty("keys.storePasswordFile", passwordFile.toString());
  }
}
