package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.center.testdb.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A center started with its defaults is safe on a network: terminal signatures required, no demo
 * catalog, no development secret, the operator token refused on plain HTTP; and a seed secret
 * changed in the configuration replaces the stored one.
 */
class ProductionModeIntegrationTest {
  private static final String TERMINAL = CenterConfig.TerminalAuth.SEEDED_TERMINAL;
  private static final String FIRST_SECRET = "first-production-secret-0001";
  private static final String SECOND_SECRET = "second-production-secret-0002";

  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T01:00:00Z"));
  private IssuerCenterServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private CenterClient start(String seedSecret) {
    CenterConfig config = CenterConfig.defaults(TestStore.SQLITE.create(dir));
    config =
        config
            .withPort(0)
            .withSweepInterval(Duration.ZERO)
            .withTerminalAuth(CenterConfig.TerminalAuth.required(seedSecret))
            .withBusiness(config.business().withAdminToken(CenterClient.ADMIN_TOKEN));
    server = IssuerCenterServer.start(config, clock);
    return new CenterClient(server.baseUri(), clock);
  }

  @Test
  void defaultsRequireSignaturesAndSeedNoDemoData() {
    CenterClient client = start(FIRST_SECRET);
    assertEquals(CenterMode.PRODUCTION, CenterConfig.defaults(dir).mode());
    assertEquals(0, client.get("/v1/events").body().get("events").size(), "no demo catalog");

    CenterClient.Answer unsigned = client.getAsTerminal("/v1/reservations/R1", TERMINAL);
    assertEquals(401, unsigned.status(), unsigned.text());
    assertEquals("MISSING_SIGNATURE", unsigned.error());

    CenterClient.Answer devSecret =
        client.asTerminal(
            TERMINAL,
            CenterConfig.TerminalAuth.DEV_SECRET,
            "GET",
            "/v1/reservations/R000000000001",
            null);
    assertEquals(401, devSecret.status(), "the published development secret is not in force");

    CenterClient.Answer signed =
        client.asTerminal(TERMINAL, FIRST_SECRET, "GET", "/v1/reservations/R000000000001", null);
    assertEquals(404, signed.status(), signed.text());
  }

  /**
   * A user's PIN never travels in clear: the center refuses a clear PIN on plain HTTP and takes it
   * only as a PIN block from the PIN pad, under a PIN key it handed the terminal under the
   * terminal's master key; a block under an older key, or made for another user id, opens nothing.
   */
  @Test
  void aUserPinTravelsOnlyAsAPinBlock() {
    CenterClient client = start(FIRST_SECRET);
    com.fasterxml.jackson.databind.node.ObjectNode user =
        CenterClient.object()
            .put("userId", "hanako01")
            .put("name", "山田花子")
            .put("phone", "03-1234-5678")
            .put("address", "東京都千代田区")
            .put("pin", "7314");
    CenterClient.Answer clear =
        client.asTerminal(TERMINAL, FIRST_SECRET, "POST", "/v1/users", user);
    assertEquals(400, clear.status(), clear.text());
    assertEquals("PIN_IN_CLEAR", clear.error());
    com.fasterxml.jackson.databind.node.ObjectNode homeAccess =
        CenterClient.object().put("pin", "7314").put("password", "hanako-at-home");
    homeAccess.putObject("card").put("number", "4111110000002225").put("expiry", "3012");
    CenterClient.Answer clearAtHome =
        client.asTerminal(
            TERMINAL, FIRST_SECRET, "POST", "/v1/users/hanako01/home-access", homeAccess);
    assertEquals(
        "PIN_IN_CLEAR", clearAtHome.error(), "the home PC set-up takes the PIN by the same rule");

    byte[] key = pinKey(client);
    String kcv = com.kippu.center.user.PinBlocks.checkValue(key);
    user.remove("pin");
    user.putObject("pinBlock")
        .put("block", com.kippu.center.user.FakePinPad.block(key, "7314", hanako()))
        .put("keyCheckValue", kcv);
    CenterClient.Answer registered =
        client.asTerminal(TERMINAL, FIRST_SECRET, "POST", "/v1/users", user);
    assertEquals(201, registered.status(), registered.text());
    assertTrue(!registered.text().contains("7314"), "the PIN is never echoed");

    assertEquals(401, recall(client, key, "0000", hanako()).status(), "a wrong PIN");
    assertEquals(200, recall(client, key, "7314", hanako()).status(), "the right PIN");
    assertEquals(
        401,
        recall(client, key, "7314", new com.kippu.center.user.UserId("taro0001")).status(),
        "a block made for another user id");
    byte[] newer = pinKey(client);
    CenterClient.Answer stale = recall(client, key, "7314", hanako());
    assertEquals(409, stale.status(), stale.text());
    assertEquals("STALE_PIN_KEY", stale.error());
    assertEquals(200, recall(client, newer, "7314", hanako()).status(), "under the new key");
  }

  private static com.kippu.center.user.UserId hanako() {
    return new com.kippu.center.user.UserId("hanako01");
  }

  /** A fresh PIN key from the center, as the PIN pad recovers it under its master key. */
  private static byte[] pinKey(CenterClient client) {
    CenterClient.Answer a =
        client.asTerminal(
            TERMINAL, FIRST_SECRET, "POST", "/v1/terminals/pin-key", CenterClient.object());
    assertEquals(200, a.status(), a.text());
    byte[] master =
        com.kippu.center.terminal.CenterPinKeys.masterKey(
            FIRST_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] key =
        com.kippu.center.user.FakePinPad.key(master, a.body().get("keyUnderMaster").asText());
    assertEquals(
        a.body().get("checkValue").asText(), com.kippu.center.user.PinBlocks.checkValue(key));
    return key;
  }

  /** Recalls hanako01's purchases with a PIN block typed as {@code pin} for {@code formedFor}. */
  private static CenterClient.Answer recall(
      CenterClient client, byte[] key, String pin, com.kippu.center.user.UserId formedFor) {
    com.fasterxml.jackson.databind.node.ObjectNode body = CenterClient.object();
    body.putObject("pinBlock")
        .put("block", com.kippu.center.user.FakePinPad.block(key, pin, formedFor))
        .put("keyCheckValue", com.kippu.center.user.PinBlocks.checkValue(key));
    return client.asTerminal(TERMINAL, FIRST_SECRET, "POST", "/v1/users/hanako01/purchases", body);
  }

  @Test
  void healthAndReadinessCheckTheDatabase() {
    CenterClient client = start(FIRST_SECRET);
    CenterClient.Answer health = client.get("/health");
    assertEquals(200, health.status(), health.text());
    assertEquals("UP", health.body().get("database").asText());
    CenterClient.Answer ready = client.get("/ready");
    assertEquals(200, ready.status(), ready.text());
    assertEquals("READY", ready.body().get("status").asText());
  }

  @Test
  void everyAnswerCarriesARequestId() throws Exception {
    start(FIRST_SECRET);
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    var mine =
        http.send(
            java.net.http.HttpRequest.newBuilder(server.baseUri().resolve("/v1/events"))
                .header("X-Request-Id", "req-0123456789")
                .build(),
            java.net.http.HttpResponse.BodyHandlers.discarding());
    assertEquals("req-0123456789", mine.headers().firstValue("X-Request-Id").orElse(""));
    var generated =
        http.send(
            java.net.http.HttpRequest.newBuilder(server.baseUri().resolve("/v1/nowhere"))
                .header("X-Request-Id", "bad id <script>")
                .build(),
            java.net.http.HttpResponse.BodyHandlers.discarding());
    assertEquals(404, generated.statusCode());
    String id = generated.headers().firstValue("X-Request-Id").orElse("");
    assertTrue(id.matches("[0-9a-f-]{36}"), "a new id for a malformed one: " + id);
  }

  @Test
  void theOperatorTokenIsRefusedOnPlainHttp() {
    CenterClient client = start(FIRST_SECRET);
    CenterClient.Answer a = client.admin("GET", "/v1/settlements/2026-12", null);
    assertEquals(403, a.status(), a.text());
    assertEquals("TLS_REQUIRED", a.error());
  }

  @Test
  void aChangedSeedSecretReplacesTheStoredOne() {
    start(FIRST_SECRET);
    server.close();
    server = null;
    CenterClient client = start(SECOND_SECRET);
    String path = "/v1/reservations/R000000000001";
    assertEquals(401, client.asTerminal(TERMINAL, FIRST_SECRET, "GET", path, null).status());
    CenterClient.Answer current = client.asTerminal(TERMINAL, SECOND_SECRET, "GET", path, null);
    assertEquals(404, current.status(), current.text());
  }

  @Test
  void productionRefusesToRunWithoutSignaturesOrOnTheDevelopmentSecret() {
    CenterConfig config = CenterConfig.defaults(dir);
    IllegalArgumentException off =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> config.withTerminalAuth(CenterConfig.TerminalAuth.off()));
    assertTrue(off.getMessage().contains("center.auth.required"), off.getMessage());
    IllegalArgumentException dev =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                config.withTerminalAuth(
                    CenterConfig.TerminalAuth.required(CenterConfig.TerminalAuth.DEV_SECRET)));
    assertTrue(dev.getMessage().contains("center.auth.seed-secret"), dev.getMessage());
  }
}
