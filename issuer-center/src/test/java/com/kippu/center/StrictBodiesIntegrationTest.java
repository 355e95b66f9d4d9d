package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.center.testdb.TestStore;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A body means one thing or is refused: no key twice, JSON only, at most 64 KiB, all there within
 * five seconds; every refusal is an RFC 9457 problem naming what was wrong, and nothing is held.
 */
class StrictBodiesIntegrationTest extends CenterTestBase {
  private static final String HOLD =
      "{\"requestNumber\":\"REQ-1\",\"eventId\":\"evt-2026-12-24-dome\",\"cardId\":\"CARD-0001\","
          + "\"seatIds\":[\"A-1-1\"],\"seatIds\":[\"A-1-2\"]}";

  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  private CenterClient.Answer post(String body, String contentType) {
    return client.send(
        HttpRequest.newBuilder(server.baseUri().resolve("/v1/reservations"))
            .header("X-Terminal-Id", "ATM-0001")
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private String seatStatus(String seat) {
    for (var s : client.get("/v1/events/evt-2026-12-24-dome/seats").body().get("seats")) {
      if (s.get("seatId").asText().equals(seat)) {
        return s.get("status").asText();
      }
    }
    throw new AssertionError("no seat " + seat);
  }

  @Test
  void aKeyTwiceIsRefusedNamingItAndHoldsNothing() {
    CenterClient.Answer a = post(HOLD, "application/json");
    assertEquals(400, a.status(), a.text());
    assertEquals("DUPLICATE_FIELD", a.error());
    assertEquals("seatIds", a.body().get("field").asText());
    assertEquals("AVAILABLE", seatStatus("A-1-1"));
    assertEquals("AVAILABLE", seatStatus("A-1-2"));
  }

  @Test
  void aBodyThatIsNotJsonIs415() {
    CenterClient.Answer a =
        post(HOLD.replace(",\"seatIds\":[\"A-1-2\"]", ""), "text/plain; charset=utf-8");
    assertEquals(415, a.status(), a.text());
    assertEquals("Content-Type", a.body().get("field").asText());
    assertEquals(
        201,
        post(HOLD.replace(",\"seatIds\":[\"A-1-2\"]", ""), "application/json; charset=utf-8")
            .status());
  }

  @Test
  void aBodyOver64KiBIs413AndHoldsNothing() {
    String huge = HOLD.replace("REQ-1", "x".repeat(64 * 1024));
    CenterClient.Answer a = client.post("/v1/reservations", huge, "ATM-0001");
    assertEquals(413, a.status(), a.text());
    assertEquals("BODY_TOO_LARGE", a.error());
    assertEquals("AVAILABLE", seatStatus("A-1-1"));
  }

  @Test
  void aBodyThatHasNotArrivedWithinFiveSecondsIs408AndHoldsNothing() {
    byte[] hold = HOLD.replace(",\"seatIds\":[\"A-1-2\"]", "").getBytes(StandardCharsets.UTF_8);
    CenterClient.Answer a =
        client.postStalling("/v1/reservations", hold, "ATM-0001", Duration.ofSeconds(7));
    assertEquals(408, a.status(), a.text());
    assertEquals("BODY_TIMEOUT", a.error());
    assertEquals("AVAILABLE", seatStatus("A-1-1"));
  }

  @Test
  void errorsAreProblemDetails() {
    CenterClient.Answer a = post("{\"eventId\":\"evt-2026-12-24-dome\"}", "application/json");
    assertEquals(400, a.status());
    assertTrue(a.contentType().startsWith("application/problem+json"), a.contentType());
    assertEquals("urn:kippu:problem:MISSING_FIELD", a.body().get("type").asText());
    assertEquals(400, a.body().get("status").asInt());
    assertEquals("MISSING_FIELD", a.body().get("error").asText());
    assertTrue(a.body().get("detail").asText().contains(a.body().get("field").asText()));
  }
}
