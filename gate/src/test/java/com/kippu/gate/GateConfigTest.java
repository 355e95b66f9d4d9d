package com.kippu.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.card.TestCardAccess;
import com.kippu.atm.center.FakeIssuer;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class GateConfigTest {
  private static Properties minimal() {
    Properties p = new Properties();
    p.setProperty("gate.id", "GATE-A");
    p.setProperty("gate.venue", "Tokyo Dome");
    p.setProperty("gate.events", "evt-1, evt-2");
    p.setProperty("center.rootKey", TestCardAccess.Credentials.rootKeyBase64());
    TestCardAccess.Credentials gate = TestCardAccess.credentials("GATE-A");
    p.setProperty("card.accessKey", gate.keyHex());
    p.setProperty("card.accessCertificate", gate.certificateBase64());
    return p;
  }

  @Test
  void aCardAccessCertificateTheRootDidNotSignOrForAnotherKeyStopsStartUp() {
    Properties p = minimal();
    p.setProperty("center.rootKey", new FakeIssuer("x").rootKeyBase64());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> GateConfig.from(p))
            .getMessage()
            .contains("card.accessCertificate"));
    Properties q = minimal();
    q.setProperty("card.accessKey", TestCardAccess.credentials("GATE-A").keyHex());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> GateConfig.from(q))
            .getMessage()
            .contains("card.accessKey"));
  }

  @Test
  void defaultsMakeAnOfflineGateWithoutCopyCheck() {
    GateConfig c = GateConfig.from(minimal());
    assertEquals(2, c.policy().events().size());
    assertEquals(Duration.ofHours(24), c.policy().maxRevocationAge());
    assertTrue(c.centerUrl().isEmpty());
    assertTrue(c.cardAuthKey().isEmpty());
  }

  @Test
  void aMissingOrBadValueNamesItsKey() {
    Properties p = minimal();
    p.remove("center.rootKey");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> GateConfig.from(p))
            .getMessage()
            .contains("center.rootKey"));
    Properties q = minimal();
    q.setProperty("card.authKey", "abcd");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> GateConfig.from(q))
            .getMessage()
            .contains("card.authKey"));
    Properties r = minimal();
    r.setProperty("gate.revocationMaxAge", "a day");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> GateConfig.from(r))
            .getMessage()
            .contains("gate.revocationMaxAge"));
  }
}
