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
