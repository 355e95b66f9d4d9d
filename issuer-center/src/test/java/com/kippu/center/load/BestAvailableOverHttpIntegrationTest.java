package com.kippu.center.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.center.CenterConfig;
import com.kippu.center.IssuerCenterServer;
import com.kippu.center.TestClock;
import com.kippu.center.catalog.CatalogSeed;
import com.kippu.center.signing.Ed25519;
import com.kippu.center.signing.SignedDocument;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route the flash sale uses, {@code POST /v1/reservations/best-available}, over real HTTP on
 * SQLite: the answer a terminal gets, its idempotency, and the refusals it must understand.
 */
class BestAvailableOverHttpIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATH = "/v1/reservations/best-available";

  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T01:00:00Z"));
  private final HttpClient http = HttpClient.newHttpClient();
  private IssuerCenterServer server;

  private record Answer(int status, JsonNode body) {}

  @BeforeEach
  void start() {
    server =
        IssuerCenterServer.start(
            CenterConfig.development(dir.resolve("center.db"))
                .withPort(0)
                .withSweepInterval(Duration.ZERO),
            clock);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Answer hold(String request, String event, String section, Object quantity)
      throws Exception {
    String body =
        "{\"requestNumber\":\""
            + request
            + "\",\"cardId\":\"CARD-0001\",\"eventId\":\""
            + event
            + "\""
            + (section == null ? "" : ",\"section\":\"" + section + "\"")
            + (quantity == null ? "" : ",\"quantity\":" + quantity)
            + "}";
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(server.baseUri().resolve(PATH))
                .header("X-Terminal-Id", "ATM-0001")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(r.statusCode(), JSON.readTree(r.body()));
  }

  @Test
  void holdsTheBestSeatsOfASectionAndReplaysARetry() throws Exception {
    String event = CatalogSeed.EVENT.value();
    Answer held = hold("REQ-1", event, "A", 2);
    assertEquals(201, held.status(), held.body().toString());
    assertEquals("A-1-1", held.body().get("seats").get(0).get("seatId").asText());
    assertEquals("A-1-2", held.body().get("seats").get(1).get("seatId").asText());
    assertEquals(17_600, held.body().get("amountYen").asLong());
    JsonNode envelope = held.body().get("signedReservation");
    SignedDocument signed =
        new SignedDocument(
            Base64.getDecoder().decode(envelope.get("payload").asText()),
            Base64.getDecoder().decode(envelope.get("signature").asText()),
            envelope.get("keyId").asText(),
            envelope.get("algorithm").asText());
    JsonNode key =
        JSON.readTree(
            http.send(
                    HttpRequest.newBuilder(
                            server.baseUri().resolve("/v1/issuers/tokyo-dome-promo/key"))
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray())
                .body());
    assertTrue(
        Ed25519.verify(
            signed, Ed25519.publicKey(Base64.getDecoder().decode(key.get("publicKey").asText()))));

    Answer retry = hold("REQ-1", event, "A", 2);
    assertEquals(201, retry.status());
    assertEquals(held.body().get("reservationNumber"), retry.body().get("reservationNumber"));
  }

  @Test
  void refusalsNameTheirCause() throws Exception {
    String event = CatalogSeed.EVENT.value();
    assertEquals("quantity", hold("REQ-1", event, null, 11).body().get("field").asText());
    assertEquals("quantity", hold("REQ-2", event, null, null).body().get("field").asText());
    assertEquals(404, hold("REQ-3", "no-such-event", null, 1).status());
    for (int i = 4; i < 9; i++) {
      assertEquals(201, hold("REQ-" + i, event, "S", 10).status(), "section S has 50 seats");
    }
    Answer soldOut = hold("REQ-9", event, "S", 1);
    assertEquals(409, soldOut.status());
    assertEquals("SEAT_UNAVAILABLE", soldOut.body().get("error").asText());
    assertEquals(201, hold("REQ-10", event, null, 1).status(), "section A still has seats");
  }
}
