package com.kippu.atm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.card.TestCardAccess;
import com.kippu.atm.keys.HandleKeys;
import com.kippu.atm.keys.JceLinkKeys;
import com.kippu.atm.keys.KeyStorage;
import com.kippu.atm.keys.LinkKeyModule;
import com.kippu.atm.keys.Pkcs12KeyStorage;
import com.kippu.atm.keys.SoftwareLinkKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up configuration: a missing or bad key is refused with its name; TLS is all or nothing. */
class PluginConfigTest {
  private static final TestCardAccess.Credentials ACCESS = TestCardAccess.credentials("ATM00001");

  private static Properties minimal() {
    Properties p = new Properties();
    p.setProperty("terminal.id", "ATM00001");
    p.setProperty("bank.port", "4000");
    p.setProperty("center.url", "http://127.0.0.1:8080/");
    p.setProperty("center.rootKey", TestCardAccess.Credentials.rootKeyBase64());
    p.setProperty("bank.terminalMasterKey", "00112233445566778899AABBCCDDEEFF");
    p.setProperty("devices.jposXml", "jpos.xml");
    p.setProperty("card.accessKey", ACCESS.keyHex());
    p.setProperty("card.accessCertificate", ACCESS.certificateBase64());
    return p;
  }

  @Test
  void aCardAccessCertificateTheCenterDidNotSignOrForAnotherKeyStopsStartUp() {
    Properties p = minimal();
    p.setProperty("center.rootKey", "MCowBQYDK2VwAyEA7trH+EP2lKJKDqZbcvZoDa6FddRxRVXdJSN7cJpV8jM=");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> PluginConfig.from(p))
            .getMessage()
            .contains("card.accessCertificate"));
    Properties q = minimal();
    q.setProperty("card.accessKey", TestCardAccess.credentials("ATM00001").keyHex());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> PluginConfig.from(q))
            .getMessage()
            .contains("card.accessKey"));
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

  private static final byte[] STORED_TMK =
      HexFormat.of().parseHex("0123456789ABCDEFFEDCBA9876543210");

  private Properties withKeyStore() throws Exception {
    Path store = dir.resolve("terminal-keys.p12");
    Path password = dir.resolve("terminal-keys.pass");
    Files.writeString(password, "store-pass-1\n");
    Map<String, SecretKey> entries =
        new LinkedHashMap<>(JceLinkKeys.entries("bank.terminalMasterKey", STORED_TMK));
    entries.put(
        "card.accessKey", new SecretKeySpec(HexFormat.of().parseHex(ACCESS.keyHex()), "AES"));
    Pkcs12KeyStorage.createWithEntries(store, "store-pass-1".toCharArray(), entries);
    Properties p = minimal();
    p.remove("bank.terminalMasterKey");
    p.remove("card.accessKey");
    p.setProperty("keys.store", store.toString());
    p.setProperty("keys.storePasswordFile", password.toString());
    return p;
  }

  @Test
  void masterKeysComeFromThePkcs12StoreNotFromTheProperties() throws Exception {
    PluginConfig c = PluginConfig.from(withKeyStore());
    assertTrue(c.terminalMasterKey() instanceof JceLinkKeys, c.terminalMasterKey().toString());
    assertSameTmk(STORED_TMK, c.terminalMasterKey());
    assertEquals("ATM00001", c.cardAccess().holder());
  }

  @Test
  void aDevelopmentHexTmkIsKeptInSoftware() {
    PluginConfig c = PluginConfig.from(minimal());
    assertTrue(c.terminalMasterKey() instanceof SoftwareLinkKeys, c.terminalMasterKey().toString());
    assertSameTmk(
        HexFormat.of().parseHex("00112233445566778899AABBCCDDEEFF"), c.terminalMasterKey());
  }

  @Test
  void aTmkHandleThatNeverGivesItsBytesIsAccepted() throws Exception {
    Properties p = withKeyStore();
    Pkcs12KeyStorage file =
        Pkcs12KeyStorage.open(Path.of(p.getProperty("keys.store")), "store-pass-1".toCharArray());
    // As a PIN pad's or HSM's storage would give them: the TMKs only as handles.
    KeyStorage device =
        name ->
            name.endsWith("terminalMasterKey") || name.contains(".terminalMasterKey.")
                ? HandleKeys.handle(file.key(name))
                : file.key(name);
    p.remove("keys.store");
    p.remove("keys.storePasswordFile");
    PluginConfig c = PluginConfig.from(p, device);
    assertSameTmk(STORED_TMK, c.terminalMasterKey());
    assertEquals("ATM00001", c.cardAccess().holder());
  }

  /** {@code module} MACs key-exchange messages as the software module with {@code tmk} does. */
  private static void assertSameTmk(byte[] tmk, LinkKeyModule module) {
    byte[] data =
        "0800 sign-on with key change".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertArrayEquals(
        SoftwareLinkKeys.withMasterKey(tmk, new SecureRandom()).keyExchangeMac(data),
        module.keyExchangeMac(data));
  }

  @Test
  void aClearKeyBesideTheStoreIsRefusedByName() throws Exception {
    Properties p = withKeyStore();
    p.setProperty("card.accessKey", "00".repeat(32));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PluginConfig.from(p));
    assertTrue(e.getMessage().contains("'card.accessKey' must not be set"), e.getMessage());
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

  @Test
  void aHomePcTrustsNothingOverPlainHttp() throws Exception {
    Properties p = minimal();
    p.setProperty("terminal.kind", "HOME_PC");
    IllegalArgumentException plain =
        assertThrows(IllegalArgumentException.class, () -> PluginConfig.from(p));
    assertTrue(plain.getMessage().contains("center.url"), plain.getMessage());
    p.setProperty("center.tls.trustStore", TestTrustStore.get().toString());
    p.setProperty("center.tls.trustStorePassword", TestTrustStore.PASSWORD);
    IllegalArgumentException httpWithTrust =
        assertThrows(IllegalArgumentException.class, () -> PluginConfig.from(p));
    assertTrue(httpWithTrust.getMessage().contains("must be https"), httpWithTrust.getMessage());
    p.setProperty("center.url", "https://127.0.0.1:8443/");
    PluginConfig c = PluginConfig.from(p);
    assertTrue(c.centerTls().isPresent());
    assertTrue(c.toString().contains("center over TLS"), c.toString());
  }

  @Test
  void aCenterKeyStoreWithoutATrustStoreIsRefused() {
    Properties p = minimal();
    p.setProperty("center.tls.keyStore", "terminal.p12");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PluginConfig.from(p));
    assertTrue(e.getMessage().contains("center.tls.trustStore"), e.getMessage());
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
