package com.kippu.atm.keys;

import javax.crypto.SecretKey;

/**
 * Where the terminal's master keys live: the terminal master keys of its links and the card access
 * key, each under the name of its configuration key (e.g. {@code bank.terminalMasterKey}). {@link
 * Pkcs12KeyStorage} reads a password-protected PKCS#12 file; a hardware PIN pad or HSM adapter
 * implements the same interface with key handles that never leave the device (a PKCS#11 provider's
 * {@link SecretKey}). A TMK is only used through {@link JceLinkKeys}, never read; the card access
 * key is still read as its raw bytes (see {@code PluginConfig.cardAccess}).
 */
public interface KeyStorage {
  /**
   * The key stored as {@code name}.
   *
   * @throws IllegalArgumentException naming the key when it is not stored
   */
  SecretKey key(String name);
}
