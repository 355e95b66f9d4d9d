package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.db.Database;
import com.kippu.center.db.Migrations;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.terminal.RequestSignature;
import com.kippu.center.terminal.sql.SqlTerminalRepository;
import com.kippu.center.testdb.TestStore;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Payment proofs over real HTTP with terminal signatures on, on both engines: the proof's terminal
 * is the one that signed the request, so two terminals handing out the same RRN each get their
 * ticket; a full card number is refused and kept nowhere.
 */
class PaymentProofIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ATM_1 = CenterConfig.TerminalAuth.SEEDED_TERMINAL;
  private static final String SECRET_1 = "a-test-secret-of-enough-length";
  private static final String ATM_2 = "ATM00002";
  private static final String SECRET_2 = "another-terminal-secret-0002";
  private static final String PAN = "4980001234561235";

  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T01:00:00Z"));
  private final HttpClient http = HttpClient.newHttpClient();
  private CenterConfig.Store store;
  private IssuerCenterServer server;

  private record Answer(int status, JsonNode body, String text) {
    String error() {
      return body.path("error").asText();
    }
  }

  /** Starts a center that knows two terminals and refuses unsigned requests. */
  private void start(TestStore engine) {
    store = engine.create(dir);
    try (Database db = Database.open(store)) {
      Migrations.migrate(db);
      new SqlTerminalRepository(db)
          .addIfAbsent(
              new TerminalId(ATM_2), SECRET_2.getBytes(StandardCharsets.UTF_8), clock.instant());
    }
    server =
        IssuerCenterServer.start(
            CenterConfig.development(store)
                .withPort(0)
                .withSweepInterval(Duration.ZERO)
                .withTerminalAuth(
                    new CenterConfig.TerminalAuth(true, SECRET_1, Duration.ofMinutes(5))),
            clock);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Answer post(String terminal, String path, ObjectNode body) throws Exception {
    String secret = terminal.equals(ATM_1) ? SECRET_1 : SECRET_2;
    byte[] bytes = JSON.writeValueAsBytes(body);
    String ts = Long.toString(clock.instant().getEpochSecond());
    String nonce = RequestSignature.newNonce();
    HttpRequest request =
        HttpRequest.newBuilder(server.baseUri().resolve(path))
            .header("Content-Type", "application/json")
            .header("X-Terminal-Id", terminal)
            .header("X-Kippu-Timestamp", ts)
            .header("X-Kippu-Nonce", nonce)
            .header(
                "X-Kippu-Signature",
                RequestSignature.sign(
                    secret.getBytes(StandardCharsets.UTF_8), "POST", path, bytes, ts, nonce))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), JSON.readTree(r.body()), r.body());
  }

  private String reserve(String terminal, String card, String seat) throws Exception {
    ObjectNode body =
        JSON.createObjectNode()
            .put("eventId", "evt-2026-12-24-dome")
            .put("cardId", card)
            .put("requestNumber", "REQ-" + seat);
    body.putArray("seatIds").add(seat);
    Answer held = post(terminal, "/v1/reservations", body);
    assertEquals(201, held.status(), held.text());
    return held.body().get("reservationNumber").asText();
  }

  private static ObjectNode issueBody(String card, ObjectNode payment) {
    ObjectNode body = JSON.createObjectNode().put("cardId", card);
    body.set("payment", payment);
    return body;
  }

  private static ObjectNode transfer(String rrn) {
    return JSON.createObjectNode()
        .put("method", "ACCOUNT_TRANSFER")
        .put("amountYen", 8_800)
        .put("reference", rrn)
        .put("approvalCode", "A1B2C3")
        .put("stan", "000123")
        .put("paidAt", "2026-12-01T01:02:03Z")
        .put("acquirer", "000001");
  }

  private static JsonNode ticketPayment(Answer issued) {
    return CenterClient.payload(issued.body().get("signedTicket")).get("payment");
  }

  @ParameterizedTest
  @EnumSource(TestStore.class)
  void twoTerminalsWithTheSameRrnEachGetTheirTicket(TestStore engine) throws Exception {
    start(engine);
    String first = reserve(ATM_1, "CARD-0001", "A-1-1");
    String second = reserve(ATM_2, "CARD-0002", "A-1-2");

    Answer one =
        post(
            ATM_1,
            "/v1/reservations/" + first + "/issue",
            issueBody("CARD-0001", transfer("633512345678")));
    Answer two =
        post(
            ATM_2,
            "/v1/reservations/" + second + "/issue",
            issueBody("CARD-0002", transfer("633512345678")));
    assertEquals(200, one.status(), one.text());
    assertEquals(200, two.status(), two.text());
    assertNotEquals(one.body().get("ticketNumber"), two.body().get("ticketNumber"));
    assertEquals(ATM_1, ticketPayment(one).get("terminalId").asText());
    assertEquals(ATM_2, ticketPayment(two).get("terminalId").asText());
    assertEquals("000001", ticketPayment(two).get("acquirer").asText());

    Answer repeat =
        post(
            ATM_1,
            "/v1/reservations/" + first + "/issue",
            issueBody("CARD-0001", transfer("633512345678")));
    assertEquals(one.body().get("ticketNumber"), repeat.body().get("ticketNumber"));
    Answer other =
        post(
            ATM_1,
            "/v1/reservations/" + first + "/issue",
            issueBody("CARD-0001", transfer("633599999999")));
    assertEquals(409, other.status(), other.text());
    assertEquals("RESERVATION_ISSUED_OTHER_PAYMENT", other.error());
  }

  @ParameterizedTest
  @EnumSource(TestStore.class)
  void theProofsTerminalIsTheSignerNotWhatTheBodySays(TestStore engine) throws Exception {
    start(engine);
    String number = reserve(ATM_2, "CARD-0002", "A-1-2");
    ObjectNode claimsAnother = transfer("633512345678").put("terminalId", ATM_1);
    Answer refused =
        post(ATM_2, "/v1/reservations/" + number + "/issue", issueBody("CARD-0002", claimsAnother));
    assertEquals(400, refused.status(), refused.text());
    assertEquals("payment.terminalId", refused.body().get("field").asText());

    ObjectNode noAcquirer = transfer("633512345678");
    noAcquirer.remove("acquirer");
    Answer missing =
        post(ATM_2, "/v1/reservations/" + number + "/issue", issueBody("CARD-0002", noAcquirer));
    assertEquals(400, missing.status());
    assertEquals("MISSING_FIELD", missing.error());
    assertEquals("payment.acquirer", missing.body().get("field").asText());
  }

  @ParameterizedTest
  @EnumSource(TestStore.class)
  void aFullCardNumberIsRefusedAndKeptNowhere(TestStore engine) throws Exception {
    start(engine);
    String number = reserve(ATM_1, "CARD-0001", "A-1-1");
    ObjectNode full = transfer("633512345678").put("method", "CREDIT_CARD").put("acquirer", "JCB");
    full.putObject("details").put("maskedCard", PAN);
    Answer refused =
        post(ATM_1, "/v1/reservations/" + number + "/issue", issueBody("CARD-0001", full));
    assertEquals(400, refused.status(), refused.text());
    assertEquals("INVALID_FIELD", refused.error());
    assertEquals("payment.details.maskedCard", refused.body().get("field").asText());
    assertFalse(refused.text().contains(PAN), "the answer never repeats the number");

    ObjectNode none = transfer("633512345678").put("method", "CREDIT_CARD").put("acquirer", "JCB");
    Answer missing =
        post(ATM_1, "/v1/reservations/" + number + "/issue", issueBody("CARD-0001", none));
    assertEquals("MISSING_FIELD", missing.error());
    assertEquals("payment.details.maskedCard", missing.body().get("field").asText());

    ObjectNode masked =
        transfer("633512345678").put("method", "CREDIT_CARD").put("acquirer", "JCB");
    masked.putObject("details").put("maskedCard", "498000******1235");
    Answer issued =
        post(ATM_1, "/v1/reservations/" + number + "/issue", issueBody("CARD-0001", masked));
    assertEquals(200, issued.status(), issued.text());
    assertEquals(
        "498000******1235", ticketPayment(issued).get("details").get("maskedCard").asText());
    server.close(); // the SQLite file has one owner at a time
    server = null;
    assertEquals(0, rowsHolding(PAN), "no full card number in the payment table");
  }

  @ParameterizedTest
  @EnumSource(TestStore.class)
  void anEMoneyPaymentComesFromTheTicketsCard(TestStore engine) throws Exception {
    start(engine);
    String number = reserve(ATM_1, "CARD-0001", "A-1-1");
    ObjectNode emoney =
        JSON.createObjectNode()
            .put("method", "EMONEY")
            .put("amountYen", 8_800)
            .put("reference", "TX-42")
            .put("paidAt", "2026-12-01T01:02:03Z")
            .put("acquirer", "kippu-purse");
    ObjectNode details =
        emoney
            .putObject("details")
            .put("purseId", "CARD-0002")
            .put("purseSequence", "42")
            .put("purseBalanceAfterYen", "1200")
            .put("purseTransactionId", "TX-42");
    Answer otherPurse =
        post(ATM_1, "/v1/reservations/" + number + "/issue", issueBody("CARD-0001", emoney));
    assertEquals(400, otherPurse.status(), otherPurse.text());
    assertEquals("payment.details.purseId", otherPurse.body().get("field").asText());

    details.put("purseId", "CARD-0001");
    Answer issued =
        post(ATM_1, "/v1/reservations/" + number + "/issue", issueBody("CARD-0001", emoney));
    assertEquals(200, issued.status(), issued.text());
    assertEquals("42", ticketPayment(issued).get("details").get("purseSequence").asText());
  }

  private long rowsHolding(String text) {
    try (Database db = Database.open(store)) {
      return db.read(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT COUNT(*) FROM payment WHERE reference LIKE ? OR masked_card LIKE ?"
                        + " OR approval_code LIKE ? OR stan LIKE ?")) {
              for (int i = 1; i <= 4; i++) {
                ps.setString(i, "%" + text + "%");
              }
              try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
              }
            }
          });
    }
  }
}
