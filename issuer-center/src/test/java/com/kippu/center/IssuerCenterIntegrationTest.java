package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.signing.Ed25519;
import com.kippu.center.signing.SignedDocument;
import com.kippu.center.testdb.TestStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The center over real HTTP: flow F5 from the terminal's side. One subclass per engine ({@link
 * SqliteIssuerCenterIntegrationTest}, {@link PostgresIssuerCenterIntegrationTest}) runs every case.
 */
abstract class IssuerCenterIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EVENT = "evt-2026-12-24-dome";
  private static final String CARD = "CARD-0001";

  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T01:00:00Z"));
  private IssuerCenterServer server;
  private CenterClient client;
  private CenterConfig.Store store;

  /** The engine this run uses. */
  abstract TestStore store();

  @BeforeEach
  void start() {
    store = store().create(dir);
    CenterConfig config =
        CenterConfig.development(store).withPort(0).withSweepInterval(Duration.ZERO);
    server = IssuerCenterServer.start(config, clock);
    client = new CenterClient(server.baseUri(), clock);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private record Answer(int status, JsonNode body) {}

  /** A GET as the terminal that makes this test's reservations (open routes ignore it). */
  private Answer get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).header("X-Terminal-Id", "ATM-0001").GET());
  }

  private Answer post(String path, String body) throws Exception {
    return post(path, body, "ATM-0001");
  }

  private Answer post(String path, String body, String terminal) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (terminal != null) {
      b.header("X-Terminal-Id", terminal);
    }
    return send(b);
  }

  /** Through the validating client: every answer is one openapi.yaml documents. */
  private Answer send(HttpRequest.Builder request) throws Exception {
    CenterClient.Answer a = client.send(request.build());
    return new Answer(a.status(), a.body());
  }

  private URI uri(String path) {
    return server.baseUri().resolve(path);
  }

  private static String reserveBody(String request, String... seats) throws Exception {
    return JSON.writeValueAsString(
        JSON.createObjectNode()
            .put("eventId", EVENT)
            .put("cardId", CARD)
            .put("requestNumber", request)
            .<ObjectNode>set("seatIds", JSON.valueToTree(List.of(seats))));
  }

  private static String issueBody(long amountYen) {
    return "{\"cardId\":\""
        + CARD
        + "\",\"payment\":{\"method\":\"ACCOUNT_TRANSFER\",\"amountYen\":"
        + amountYen
        + ",\"reference\":\"633512345678\",\"approvalCode\":\"A1B2C3\","
        + "\"stan\":\"000123\",\"paidAt\":\"2026-12-01T01:02:03Z\",\"acquirer\":\"000001\"}}";
  }

  private static SignedDocument envelope(JsonNode node) {
    Base64.Decoder b64 = Base64.getDecoder();
    return new SignedDocument(
        b64.decode(node.get("payload").asText()),
        b64.decode(node.get("signature").asText()),
        node.get("keyId").asText(),
        node.get("algorithm").asText());
  }

  private PublicKey issuerKey(String issuerId) throws Exception {
    Answer key = get("/v1/issuers/" + issuerId + "/key");
    assertEquals(200, key.status());
    assertEquals(issuerId + "#1", key.body().get("keyId").asText());
    return Ed25519.publicKey(Base64.getDecoder().decode(key.body().get("publicKey").asText()));
  }

  private String seatStatus(String seatId) throws Exception {
    for (JsonNode s : get("/v1/events/" + EVENT + "/seats").body().get("seats")) {
      if (s.get("seatId").asText().equals(seatId)) {
        return s.get("status").asText();
      }
    }
    throw new AssertionError("no seat " + seatId);
  }

  @Test
  void healthAndContract() throws Exception {
    assertEquals("UP", get("/health").body().get("status").asText());
    CenterClient.Answer yaml = client.get("/openapi.yaml");
    assertEquals(200, yaml.status());
    assertTrue(yaml.text().contains("/v1/reservations/{number}/issue"));
  }

  @Test
  void listsTheSeededConcert() throws Exception {
    Answer events = get("/v1/events");
    assertEquals(200, events.status());
    JsonNode e = events.body().get("events").get(0);
    assertEquals(EVENT, e.get("eventId").asText());
    assertEquals("tokyo-dome-promo", e.get("issuerId").asText());
    assertEquals("Winter Gala Live", e.get("title").asText());
    assertEquals("2026-12-24T18:00:00+09:00", e.get("startsAt").asText());
    assertEquals(8800, e.get("priceFromYen").asLong());
    assertEquals(100, e.get("totalSeats").asInt());
    assertEquals(100, e.get("availableSeats").asInt());
    assertEquals("AVAILABLE", e.get("availability").asText());

    JsonNode seats = get("/v1/events/" + EVENT + "/seats").body().get("seats");
    assertEquals(100, seats.size());
    assertEquals(404, get("/v1/events/no-such-event/seats").status());
  }

  @Test
  void reserveIssueAndVerify() throws Exception {
    Answer held = post("/v1/reservations", reserveBody("REQ-0001", "A-3-7", "S-1-1"));
    assertEquals(201, held.status(), held.body().toString());
    String number = held.body().get("reservationNumber").asText();
    assertTrue(number.matches("R[0-9A-Z]{10}"), number);
    assertEquals("HELD", held.body().get("status").asText());
    assertEquals(20_800, held.body().get("amountYen").asLong());
    assertEquals("0009-001-7654321", held.body().get("issuerAccount").asText());
    assertEquals("2026-12-01T01:10:00Z", held.body().get("expiresAt").asText());
    assertEquals("HELD", seatStatus("A-3-7"));

    PublicKey key = issuerKey("tokyo-dome-promo");
    SignedDocument reservation = envelope(held.body().get("signedReservation"));
    assertTrue(Ed25519.verify(reservation, key), "reservation info is signed");
    JsonNode rp = JSON.readTree(reservation.payload());
    assertEquals("REQ-0001", rp.get("requestNumber").asText(), "S1 F1 echo");
    assertEquals("ATM-0001", rp.get("terminalId").asText());

    Answer again = post("/v1/reservations", reserveBody("REQ-0002", "A-3-7"));
    assertEquals(409, again.status());
    assertEquals("SEAT_UNAVAILABLE", again.body().get("error").asText());
    assertEquals("A-3-7", again.body().get("seatIds").get(0).asText());

    Answer issued = post("/v1/reservations/" + number + "/issue", issueBody(20_800));
    assertEquals(200, issued.status(), issued.body().toString());
    SignedDocument ticket = envelope(issued.body().get("signedTicket"));
    assertTrue(Ed25519.verify(ticket, key), "ticket verifies with the published key");
    JsonNode tp = JSON.readTree(ticket.payload());
    assertEquals(issued.body().get("ticketNumber").asText(), tp.get("ticketNumber").asText());
    assertEquals(1, tp.get("issueNumber").asLong());
    assertEquals(CARD, tp.get("cardId").asText());
    assertEquals("633512345678", tp.get("payment").get("reference").asText());
    assertEquals(2, tp.get("content").get("seats").size());
    assertEquals(rp, tp.get("reservation"), "ticket embeds the full reservation info");
    assertEquals("SOLD", seatStatus("A-3-7"));

    Answer replay = post("/v1/reservations/" + number + "/issue", issueBody(20_800));
    assertEquals(200, replay.status());
    SignedDocument replayed = envelope(replay.body().get("signedTicket"));
    assertArrayEquals(ticket.payload(), replayed.payload(), "same bytes on retry");
    assertArrayEquals(ticket.signature(), replayed.signature());

    Answer state = get("/v1/reservations/" + number);
    assertEquals("ISSUED", state.body().get("status").asText());
    assertEquals(issued.body().get("ticketNumber"), state.body().get("ticketNumber"));
    assertEquals(409, post("/v1/reservations/" + number + "/cancel", "{}").status());
  }

  @Test
  void theCrashHookHearsOfEachTerminalCommitWhileItsAnswerWaits() throws Exception {
    List<String> heard = new ArrayList<>();
    CenterCommits.listen(
        point -> {
          try {
            heard.add(point + " " + seatStatus("A-2-2") + " " + seatStatus("A-2-3"));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    try {
      String sold = reservationNumber(post("/v1/reservations", reserveBody("REQ-0001", "A-2-2")));
      assertEquals(200, post("/v1/reservations/" + sold + "/issue", issueBody(8_800)).status());
      String freed = reservationNumber(post("/v1/reservations", reserveBody("REQ-0002", "A-2-3")));
      assertEquals(200, post("/v1/reservations/" + freed + "/cancel", "{}").status());
    } finally {
      CenterCommits.listen(null);
    }
    assertEquals(
        List.of(
            "center HELD AVAILABLE",
            "center SOLD AVAILABLE",
            "center SOLD HELD",
            "center SOLD AVAILABLE"),
        heard);
  }

  private static String reservationNumber(Answer held) {
    assertEquals(201, held.status(), held.body().toString());
    return held.body().get("reservationNumber").asText();
  }

  @Test
  void retryOfTheSameRequestReturnsTheSameReservation() throws Exception {
    Answer first = post("/v1/reservations", reserveBody("REQ-0001", "A-1-1"));
    Answer retry = post("/v1/reservations", reserveBody("REQ-0001", "A-1-1"));
    assertEquals(201, retry.status());
    assertEquals(first.body(), retry.body());
    Answer otherTerminal = post("/v1/reservations", reserveBody("REQ-0001", "A-1-1"), "ATM-0002");
    assertEquals(409, otherTerminal.status(), "same request number, other terminal: new request");
  }

  @Test
  void cancelReleasesTheSeat() throws Exception {
    String number =
        post("/v1/reservations", reserveBody("REQ-0001", "S-5-10"))
            .body()
            .get("reservationNumber")
            .asText();
    Answer cancelled =
        post("/v1/reservations/" + number + "/cancel", "{\"reason\":\"customer cancelled\"}");
    assertEquals(200, cancelled.status());
    assertEquals("CANCELLED", cancelled.body().get("status").asText());
    assertEquals("AVAILABLE", seatStatus("S-5-10"));
    assertEquals(200, post("/v1/reservations/" + number + "/cancel", "{}").status(), "no-op");
    Answer late = post("/v1/reservations/" + number + "/issue", issueBody(12_000));
    assertEquals(409, late.status());
    assertEquals("RESERVATION_CANCELLED", late.body().get("error").asText());
    assertEquals(201, post("/v1/reservations", reserveBody("REQ-0002", "S-5-10")).status());
  }

  @Test
  void expiredHoldCannotBeIssued() throws Exception {
    String number =
        post("/v1/reservations", reserveBody("REQ-0001", "A-2-2"))
            .body()
            .get("reservationNumber")
            .asText();
    clock.advance(Duration.ofMinutes(10));
    assertEquals("EXPIRED", get("/v1/reservations/" + number).body().get("status").asText());
    Answer late = post("/v1/reservations/" + number + "/issue", issueBody(8_800));
    assertEquals(409, late.status());
    assertEquals("RESERVATION_EXPIRED", late.body().get("error").asText());
  }

  @Test
  void badRequestsNameTheField() throws Exception {
    Answer missing =
        post(
            "/v1/reservations",
            "{\"eventId\":\""
                + EVENT
                + "\",\"cardId\":\"CARD-0001\","
                + "\"requestNumber\":\"REQ-9\"}");
    assertEquals(400, missing.status());
    assertEquals("MISSING_FIELD", missing.body().get("error").asText());
    assertEquals("seatIds", missing.body().get("field").asText());

    Answer malformed = post("/v1/reservations", "{not json");
    assertEquals(400, malformed.status());
    assertEquals("MALFORMED_JSON", malformed.body().get("error").asText());

    Answer noTerminal = post("/v1/reservations", reserveBody("REQ-9", "A-1-1"), null);
    assertEquals(400, noTerminal.status());
    assertEquals("X-Terminal-Id", noTerminal.body().get("field").asText());

    String number =
        post("/v1/reservations", reserveBody("REQ-0001", "A-1-1"))
            .body()
            .get("reservationNumber")
            .asText();
    Answer badAmount =
        post("/v1/reservations/" + number + "/issue", issueBody(8_800).replace("8800", "\"x\""));
    assertEquals(400, badAmount.status());
    assertEquals("payment.amountYen", badAmount.body().get("field").asText());

    assertEquals(404, get("/v1/reservations/R0000000000").status());
    assertEquals(404, get("/v1/issuers/nobody/key").status());
    assertEquals(404, post("/v1/reservations", reserveBody("REQ-8", "Z-9-9")).status());
  }

  @Test
  void amountMismatchIs422() throws Exception {
    String number =
        post("/v1/reservations", reserveBody("REQ-0001", "A-4-4"))
            .body()
            .get("reservationNumber")
            .asText();
    Answer wrong = post("/v1/reservations/" + number + "/issue", issueBody(1_000));
    assertEquals(422, wrong.status());
    assertEquals("AMOUNT_MISMATCH", wrong.body().get("error").asText());
    assertEquals("payment.amountYen", wrong.body().get("field").asText());
    assertEquals("HELD", get("/v1/reservations/" + number).body().get("status").asText());
  }

  @Test
  void racingTerminalsNeverShareASeat() throws Exception {
    List<String> seats = List.of("S-3-1", "S-3-2", "S-3-3", "S-3-4", "S-3-5");
    int terminals = 50;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(terminals);
    try {
      List<Future<Answer>> answers = new ArrayList<>();
      for (int i = 0; i < terminals; i++) {
        String seat = seats.get(i % seats.size());
        String body =
            i % 7 == 0
                ? reserveBody("REQ-" + i, seat, seats.get((i + 1) % seats.size()))
                : reserveBody("REQ-" + i, seat);
        String terminal = "ATM-" + i;
        Callable<Answer> race =
            () -> {
              go.await();
              return post("/v1/reservations", body, terminal);
            };
        answers.add(pool.submit(race));
      }
      go.countDown();
      Set<String> heldSeats = new HashSet<>();
      int won = 0;
      for (Future<Answer> f : answers) {
        Answer a = f.get();
        if (a.status() == 201) {
          won++;
          JsonNode payload = JSON.readTree(envelope(a.body().get("signedReservation")).payload());
          for (JsonNode s : payload.get("seats")) {
            assertTrue(heldSeats.add(s.get("seatId").asText()), "seat held twice: " + s);
          }
        } else {
          assertEquals(409, a.status(), a.body().toString());
          assertEquals("SEAT_UNAVAILABLE", a.body().get("error").asText());
        }
      }
      assertTrue(won >= 1 && won <= seats.size(), "winners: " + won);
      assertEquals(new HashSet<>(seats), heldSeats, "every raced seat ends up held exactly once");
      for (String s : seats) {
        assertEquals("HELD", seatStatus(s));
      }
      assertFalse(heldSeats.contains("S-3-6"));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void seedSurvivesRestartWithTheSameKey() throws Exception {
    byte[] before = issuerKey("tokyo-dome-promo").getEncoded();
    server.close();
    server =
        IssuerCenterServer.start(
            CenterConfig.development(store).withPort(0).withSweepInterval(Duration.ZERO), clock);
    assertArrayEquals(before, issuerKey("tokyo-dome-promo").getEncoded());
    assertEquals(
        100,
        get("/v1/events").body().get("events").get(0).get("totalSeats").asInt(),
        "the seed does not run twice");
  }
}
