package com.kippu.simulator;

import com.kippu.atm.keys.Pkcs12KeyStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Provisions the branch terminal's master keys as a bank would: into a PKCS#12 store the plugin
 * reads ({@code keys.store}), its password in an owner-only file ({@code keys.storePasswordFile}),
 * so no clear key is in the plugin's properties.
 */
public final class TerminalKeys {
  static final String STORE = "terminal-keys.p12";
  static final String PASSWORD = "terminal-keys.pass";

  /** The configuration keys whose values are master keys. */
  private static final List<String> KEY_NAMES =
      List.of(
          "bank.terminalMasterKey",
          "alternate.terminalMasterKey",
          "cardNetwork.terminalMasterKey",
          "card.accessKey");

  private TerminalKeys() {}

  /**
   * Moves every master key of {@code p} into the branch's key store (written anew) and points
   * {@code p} at it.
   */
  public static void moveIntoStore(Properties p, Path dir) throws IOException {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    for (String name : KEY_NAMES) {
      String hex = (String) p.remove(name);
      if (hex != null) {
        keys.put(name, HexFormat.of().parseHex(hex));
      }
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
    Pkcs12KeyStorage.create(store, password, keys);
    p.setProperty("keys.store", store.toString());
    p.setProperty("keys.storePasswordFile", passwordFile.toString());
  }
}
