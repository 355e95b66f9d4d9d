package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.testdb.TestStore;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A home PC's session (F13) is the center's, not one process's: a session opened before a restart
 * (or on another node of the same database) is answered after it, until it expires, and the
 * database holds neither the session's token nor the stored card in clear.
 */
class HomeSessionsIntegrationTest extends HttpsCenterTestBase {
  private static final String CARD = "4111110000002225";

  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  private CenterClient.Answer pay(String session, String reference) {
    byte[] body =
        ("{\"reference\":\"" + reference + "\",\"amountYen\":1000}")
            .getBytes(StandardCharsets.UTF_8);
    return client.send(
        HttpRequest.newBuilder(server.baseUri().resolve("/v1/home/payments"))
            .header("Content-Type", "application/json")
            .header("X-Terminal-Id", "HOME-0001")
            .header("X-Home-Session", session)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  @Test
  void aSessionOutlivesTheProcessThatOpenedItUntilItExpires() throws Exception {
    ObjectNode user =
        CenterClient.object()
            .put("userId", "hanako01")
            .put("name", "Hanako Sato")
            .put("phone", "03-1234-5678")
            .put("address", "Chiyoda, Tokyo")
            .put("pin", "4827");
    assertEquals(201, client.post("/v1/users", user, "ATM-0001").status());
    ObjectNode access = CenterClient.object().put("pin", "4827").put("password", "hanako-at-home");
    access.putObject("card").put("number", CARD).put("expiry", "3012");
    assertEquals(200, client.post("/v1/users/hanako01/home-access", access, "ATM-0001").status());
    CenterClient.Answer login =
        client.post(
            "/v1/home/sessions",
            CenterClient.object().put("userId", "hanako01").put("password", "hanako-at-home"),
            "HOME-0001");
    assertEquals(200, login.status(), login.text());
    String session = login.body().get("session").asText();

    CenterClient.Answer unknown = pay("A" + session.substring(1), "R-0");
    assertEquals(401, unknown.status(), unknown.text());
    assertEquals("SESSION_EXPIRED", unknown.error());
    CenterClient.Answer before = pay(session, "R-1");
    assertFalse(before.status() == 401, "the session is valid: " + before.text());

    restartCenter();

    CenterClient.Answer after = pay(session, "R-2");
    assertFalse(after.status() == 401, "still valid after a restart: " + after.text());
    assertEquals(before.error(), after.error(), "answered as before: " + after.text());
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains(CARD), "no card in clear in " + f);
        assertFalse(raw.contains(session), "no session token in " + f);
      }
    }

    clock.advance(Duration.ofMinutes(31));
    CenterClient.Answer expired = pay(session, "R-3");
    assertEquals(401, expired.status(), expired.text());
    assertEquals("SESSION_EXPIRED", expired.error());
  }
}
