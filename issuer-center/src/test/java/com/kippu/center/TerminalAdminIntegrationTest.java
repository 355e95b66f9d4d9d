package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.kippu.center.testdb.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator registers terminals, rotates their secrets and deactivates them; each change holds
 * for the very next request, with the center running.
 */
class TerminalAdminIntegrationTest {
  private static final String READ = "/v1/reservations/R000000000001";

  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T01:00:00Z"));
  private IssuerCenterServer server;
  private CenterClient client;

  @BeforeEach
  void start() {
    CenterConfig config = CenterConfig.development(TestStore.SQLITE.create(dir));
    config =
        config
            .withPort(0)
            .withSweepInterval(Duration.ZERO)
            .withTerminalAuth(
                new CenterConfig.TerminalAuth(
                    true, "admin-test-seed-secret-0001", Duration.ofMinutes(5)))
            .withBusiness(
                config
                    .business()
                    .withAdminToken(CenterClient.ADMIN_TOKEN)
                    .withOutboxInterval(Duration.ZERO));
    server = IssuerCenterServer.start(config, clock);
    client = new CenterClient(server.baseUri(), clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int read(String terminal, String secret) {
    return client.asTerminal(terminal, secret, "GET", READ, null).status();
  }

  @Test
  void registrationRotationDeactivationAndReRegistrationTakeEffectAtOnce() {
    assertEquals(401, read("ATM-NEW", "not-registered-secret-000"), "unknown terminal");
    CenterClient.Answer added =
        client.admin(
            "PUT", "/v1/admin/terminals/ATM-NEW", CenterClient.object().put("kind", "ATM"));
    assertEquals(201, added.status(), added.text());
    String first = added.body().get("secret").asText();
    assertEquals(404, read("ATM-NEW", first), "signed and known: the reservation is missing");

    CenterClient.Answer rotated =
        client.admin("POST", "/v1/admin/terminals/ATM-NEW/rotate-secret", null);
    assertEquals(200, rotated.status(), rotated.text());
    String second = rotated.body().get("secret").asText();
    assertNotEquals(first, second);
    assertEquals(401, read("ATM-NEW", first), "the old secret stops at once");
    assertEquals(404, read("ATM-NEW", second));

    assertEquals(
        200, client.admin("POST", "/v1/admin/terminals/ATM-NEW/deactivate", null).status());
    CenterClient.Answer off = client.asTerminal("ATM-NEW", second, "GET", READ, null);
    assertEquals(401, off.status());
    assertEquals("UNKNOWN_TERMINAL", off.error());

    assertEquals(200, client.admin("POST", "/v1/admin/terminals/ATM-NEW/activate", null).status());
    assertEquals(404, read("ATM-NEW", second));

    CenterClient.Answer again =
        client.admin(
            "PUT", "/v1/admin/terminals/ATM-NEW", CenterClient.object().put("kind", "ATM"));
    assertEquals(200, again.status(), "registered again, not added: " + again.text());
    String third = again.body().get("secret").asText();
    assertEquals(401, read("ATM-NEW", second), "a new registration's secret replaces the old");
    assertEquals(404, read("ATM-NEW", third));
  }

  @Test
  void aGateNeedsItsVenueAndUnknownTerminalsAre404() {
    CenterClient.Answer noVenue =
        client.admin(
            "PUT", "/v1/admin/terminals/GATE-1", CenterClient.object().put("kind", "GATE"));
    assertEquals(400, noVenue.status(), noVenue.text());
    assertEquals("venue", noVenue.body().get("field").asText());
    assertEquals(
        404, client.admin("POST", "/v1/admin/terminals/ATM-NONE/rotate-secret", null).status());
    assertEquals(
        401,
        client
            .asTerminal(
                "ATM00001", "admin-test-seed-secret-0001", "PUT", "/v1/admin/terminals/X", null)
            .status(),
        "a terminal's signature is no operator token");
  }

  @Test
  void aRegisteredTerminalsCardAccessKeyIsCertifiedByTheRootKey() throws Exception {
    client.admin("PUT", "/v1/admin/terminals/ATM-NEW", CenterClient.object().put("kind", "ATM"));
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    String publicKey = java.util.Base64.getEncoder().encodeToString(key);

    CenterClient.Answer certified =
        client.admin(
            "POST",
            "/v1/admin/terminals/ATM-NEW/card-access-certificate",
            CenterClient.object().put("publicKey", publicKey));

    assertEquals(200, certified.status(), certified.text());
    byte[] cert =
        java.util.Base64.getDecoder().decode(certified.body().get("certificate").asText());
    int n = cert[0];
    assertEquals("ATM-NEW", new String(cert, 1, n, java.nio.charset.StandardCharsets.US_ASCII));
    byte[] signed =
        java.nio.ByteBuffer.allocate(25 + 1 + n + 32)
            .put("kippu/card-access-cert/v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .put(java.util.Arrays.copyOfRange(cert, 0, 1 + n + 32))
            .array();
    java.security.Signature v = java.security.Signature.getInstance("Ed25519");
    v.initVerify(
        java.security.KeyFactory.getInstance("Ed25519")
            .generatePublic(new java.security.spec.X509EncodedKeySpec(server.rootKey())));
    v.update(signed);
    org.junit.jupiter.api.Assertions.assertTrue(
        v.verify(java.util.Arrays.copyOfRange(cert, 1 + n + 32, cert.length)),
        "signed by the root key terminals and cards are installed with");
    assertEquals(
        404,
        client
            .admin(
                "POST",
                "/v1/admin/terminals/ATM-NONE/card-access-certificate",
                CenterClient.object().put("publicKey", publicKey))
            .status());
    assertEquals(
        400,
        client
            .admin(
                "POST",
                "/v1/admin/terminals/ATM-NEW/card-access-certificate",
                CenterClient.object().put("publicKey", "AAAA"))
            .status(),
        "a key that is not 32 bytes");
  }
}
