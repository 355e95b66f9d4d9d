package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.testdb.TestStore;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A signed request is accepted once; a captured one sent again changes nothing. */
class ReplayIntegrationTest {
  private static final String TERMINAL = CenterConfig.TerminalAuth.SEEDED_TERMINAL;
  private static final String SECRET = "replay-test-terminal-secret-01";

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
            .withTerminalAuth(new CenterConfig.TerminalAuth(true, SECRET, Duration.ofMinutes(5)))
            .withBusiness(
                config
                    .business()
                    .withPinIterations(CenterTestBase.TEST_PIN_ITERATIONS)
                    .withOutboxInterval(Duration.ZERO));
    server = IssuerCenterServer.start(config, clock);
    client = new CenterClient(server.baseUri(), clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ObjectNode pin(String pin) {
    return CenterClient.object().put("pin", pin);
  }

  @Test
  void aReplayedWrongPinRequestDoesNotLockTheUserOut() {
    ObjectNode user =
        CenterClient.object()
            .put("userId", "hanako")
            .put("name", "Hanako")
            .put("phone", "03-1234-5678")
            .put("address", "Tokyo")
            .put("pin", "4321");
    assertEquals(201, client.asTerminal(TERMINAL, SECRET, "POST", "/v1/users", user).status());

    String path = "/v1/users/hanako/purchases";
    HttpRequest captured =
        client.signedAsTerminal(TERMINAL, SECRET, "POST", path, pin("9999")).build();
    CenterClient.Answer first = client.send(captured);
    assertEquals(401, first.status(), first.text());
    assertEquals("AUTH_FAILED", first.error(), first.text());
    for (int i = 0; i < 10; i++) {
      CenterClient.Answer replay = client.send(captured);
      assertEquals(401, replay.status(), replay.text());
      assertEquals("REPLAYED", replay.error(), replay.text());
    }
    CenterClient.Answer owner = client.asTerminal(TERMINAL, SECRET, "POST", path, pin("4321"));
    assertEquals(200, owner.status(), "one failure counted, not eleven: " + owner.text());
  }

  @Test
  void aReplayedHoldIsRefusedAndALateOneIsStale() {
    ObjectNode hold =
        CenterClient.object()
            .put("requestNumber", "REQ-REPLAY-1")
            .put("eventId", "evt-2026-12-24-dome")
            .put("cardId", "CARD-0001");
    hold.putArray("seatIds").add("A-1-1");
    HttpRequest captured =
        client.signedAsTerminal(TERMINAL, SECRET, "POST", "/v1/reservations", hold).build();
    assertEquals(201, client.send(captured).status());
    assertEquals("REPLAYED", client.send(captured).error());

    clock.advance(Duration.ofMinutes(6));
    CenterClient.Answer late = client.send(captured);
    assertEquals(401, late.status());
    assertEquals("STALE_TIMESTAMP", late.error(), "past the window the timestamp refuses it");
  }

  @Test
  void aRequestWithoutANonceIsRefused() {
    HttpRequest signed =
        client
            .signedAsTerminal(TERMINAL, SECRET, "GET", "/v1/reservations/R000000000001", null)
            .build();
    HttpRequest noNonce =
        HttpRequest.newBuilder(signed, (name, value) -> !name.equalsIgnoreCase("X-Kippu-Nonce"))
            .build();
    CenterClient.Answer a = client.send(noNonce);
    assertEquals(401, a.status());
    assertEquals("MISSING_SIGNATURE", a.error());
    assertEquals("X-Kippu-Nonce", a.body().get("field").asText());
  }
}
