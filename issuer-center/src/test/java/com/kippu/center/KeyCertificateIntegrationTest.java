package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.kippu.center.signing.Ed25519;
import com.kippu.center.testdb.TestStore;
import java.security.PublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * An issuer's key as the center's root key certifies it: open like the keys, signed by the center's
 * key, naming the issuer and the very key {@code /v1/issuers/{issuerId}/key} publishes; an issuer
 * the center does not know has neither key nor certificate.
 */
class KeyCertificateIntegrationTest extends CenterTestBase {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  private PublicKey publicKey(String path) throws Exception {
    CenterClient.Answer a = client.get(path);
    assertEquals(200, a.status(), a.text());
    return Ed25519.publicKey(Base64.getDecoder().decode(a.body().get("publicKey").asText()));
  }

  @Test
  void anIssuersKeyIsCertifiedByTheCentersKey() throws Exception {
    newIssuer("keio-rail", "RAILWAY");
    CenterClient.Answer a = client.get("/v1/issuers/keio-rail/key-certificate");
    assertEquals(200, a.status(), a.text());
    assertEquals("keio-rail", a.body().get("issuerId").asText());
    var certificate = CenterClient.envelope(a.body().get("certificate"));
    assertTrue(
        Ed25519.verify(certificate, publicKey("/v1/center/key")), "signed by the center's key");
    JsonNode certified = CenterClient.JSON.readTree(certificate.payload());
    assertEquals(
        publicKey("/v1/issuers/keio-rail/key"),
        Ed25519.publicKey(Base64.getDecoder().decode(certified.get("publicKey").asText())),
        "the key the issuer signs with: " + certified);
  }

  @Test
  void anUnknownIssuerHasNeitherKeyNorCertificate() {
    for (String path :
        new String[] {"/v1/issuers/nobody/key", "/v1/issuers/nobody/key-certificate"}) {
      CenterClient.Answer a = client.get(path);
      assertEquals(404, a.status(), path + ": " + a.text());
      assertEquals("ISSUER_NOT_FOUND", a.error(), path);
    }
  }
}
