package com.kippu.atm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

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
}
