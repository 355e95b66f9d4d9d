package com.kippu.atm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.keys.Pkcs12KeyStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up configuration: a missing or bad key is refused with its name; TLS is all or nothing. */
class PluginConfigTest {
  private static Properties minimal() {
    Properties p = new Properties();
    p.setProperty("terminal.id", "ATM00001");
    p.setProperty("bank.port", "4000");
    p.setProperty("center.url", "http://127.0.0.1:8080/");
    p.setProperty("center.rootKey", "MCowBQYDK2VwAyEA7trH+EP2lKJKDqZbcvZoDa6FddRxRVXdJSN7cJpV8jM=");
    p.setProperty("bank.terminalMasterKey", "00112233445566778899AABBCCDDEEFF");
    p.setProperty("devices.jposXml", "jpos.xml");
    p.setProperty(
        "card.masterKey", "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF");
    return p;
  }

  @Test
  void withoutTlsKeysTheLinkIsPlainTcp() {
    PluginConfig c = PluginConfig.from(minimal());
    assertTrue(c.bankTls().isEmpty());
    assertFalse(c.toString().contains("TLS"));
  }

  @Test
  void aTlsKeyWithoutATrustStoreIsRefusedNotIgnored() {
    Properties p = minimal();
    p.setProperty("bank.tls.keyStore", "terminal.p12");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PluginConfig.from(p));
    assertTrue(e.getMessage().contains("bank.tls.keyStore"), e.getMessage());
    assertTrue(e.getMessage().contains("bank.tls.trustStore"), e.getMessage());
  }

  @Test
  void anUnreadableTrustStoreNamesItsKeyAndNoPassword() {
    Properties p = minimal();
    p.setProperty("bank.tls.trustStore", "no-such-trust-store.p12");
    p.setProperty("bank.tls.trustStorePassword", "s3cret-pass");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PluginConfig.from(p));
    assertTrue(e.getMessage().contains("bank.tls.trustStore"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret-pass"), e.getMessage());
  }

  @Test
  void aTerminalWithoutTheCenterRootKeyDoesNotStart() {
    Properties p = minimal();
    p.remove("center.rootKey");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PluginConfig.from(p));
    assertTrue(e.getMessage().contains("center.rootKey"), e.getMessage());
  }

  @Test
  void aRootKeyThatIsNotAnEd25519KeyIsNamed() {
    Properties p = minimal();
    p.setProperty("center.rootKey", "bm90IGEga2V5");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PluginConfig.from(p));
    assertTrue(e.getMessage().contains("center.rootKey"), e.getMessage());
  }

  @TempDir Path dir;

  private Properties withKeyStore() throws Exception {
    Path store = dir.resolve("terminal-keys.p12");
    Path password = dir.resolve("terminal-keys.pass");
    Files.writeString(password, "store-pass-1\n");
    Pkcs12KeyStorage.create(
        store,
        "store-pass-1".toCharArray(),
        Map.of(
            "bank.terminalMasterKey",
            HexFormat.of().parseHex("0123456789ABCDEF0123456789ABCDEF"),
            "card.masterKey",
            new byte[32]));
    Properties p = minimal();
    p.remove("bank.terminalMasterKey");
    p.remove("card.masterKey");
    p.setProperty("keys.store", store.toString());
    p.setProperty("keys.storePasswordFile", password.toString());
    return p;
  }

  @Test
  void masterKeysComeFromThePkcs12StoreNotFromTheProperties() throws Exception {
    PluginConfig c = PluginConfig.from(withKeyStore());
    assertArrayEquals(
        HexFormat.of().parseHex("0123456789ABCDEF0123456789ABCDEF"), c.terminalMasterKey());
    assertArrayEquals(new byte[32], c.cardMasterKey());
  }

  @Test
  void aClearKeyBesideTheStoreIsRefusedByName() throws Exception {
    Properties p = withKeyStore();
    p.setProperty("card.masterKey", "00".repeat(32));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PluginConfig.from(p));
    assertTrue(e.getMessage().contains("'card.masterKey' must not be set"), e.getMessage());
  }

  @Test
  void aKeyMissingFromTheStoreOrAWrongPasswordIsNamedWithoutThePassword() throws Exception {
    Properties p = withKeyStore();
    p.setProperty("cardNetwork.port", "4001");
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> PluginConfig.from(p));
    assertTrue(
        missing.getMessage().contains("cardNetwork.terminalMasterKey"), missing.getMessage());

    Properties wrong = withKeyStore();
    Files.writeString(Path.of(wrong.getProperty("keys.storePasswordFile")), "guess");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PluginConfig.from(wrong));
    assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
    assertFalse(e.getMessage().contains("store-pass-1"), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void prepaidHoppersAreReadAndABadOneIsNamed() {
    Properties p = minimal();
    p.setProperty("terminal.prepaidHoppers", "kippu-prepaid-10000:1, phone-card-1000:2");
    assertEquals(
        java.util.Map.of("kippu-prepaid-10000", 1, "phone-card-1000", 2),
        PluginConfig.from(p).kiosk().prepaidHoppers());
    assertEquals(java.time.Duration.ofSeconds(10), PluginConfig.from(p).kiosk().presentTimeout());
    p.setProperty("terminal.prepaidHoppers", "kippu-prepaid-10000:0");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PluginConfig.from(p));
    assertTrue(e.getMessage().contains("terminal.prepaidHoppers"), e.getMessage());
  }
}
