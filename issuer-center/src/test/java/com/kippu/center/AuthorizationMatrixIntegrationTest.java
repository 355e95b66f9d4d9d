package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.OpenApiOperations.Caller;
import com.kippu.center.OpenApiOperations.Operation;
import com.kippu.center.terminal.RequestSignature;
import com.kippu.center.testdb.TestStore;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of the running center against every kind of caller it must refuse: unsigned, signed
 * with the wrong secret, stale, replayed; a terminal on issuer and operator routes and back; every
 * operator route with operator routes off. And the other terminal on what a terminal made: its
 * hold, its commuter pass sale (read, withdrawn), its home PC payment (read, reversed, repeated),
 * the card challenge it was given, its payment proof, its request numbers. (A prepaid card itself
 * is no terminal's: any ATM reads and recharges the card in its slot.) Every status seen is one
 * openapi.yaml documents for that route.
 */
class AuthorizationMatrixIntegrationTest {
  private static final String ATM_1 = CenterConfig.TerminalAuth.SEEDED_TERMINAL;
  private static final String ATM_2 = "ATM-0002";
  private static final String SECRET_1 = "matrix-terminal-secret-0001";
  private static final String ISSUER = "keio-rail";
  private static final String OTHER_ISSUER = "other-issuer";

  @TempDir Path dir;
  private Path keyStore;
  private final TestCardHost cardHost = new TestCardHost();
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T01:00:00Z"));
  private IssuerCenterServer server;
  private CenterClient client;
  private Map<String, Operation> documented;
  private final List<String> undocumented = new ArrayList<>();
  private String atm2Secret;
  private String issuerSecret;
  private String otherIssuerSecret;

  @BeforeEach
  void start() throws Exception {
    keyStore = TestTls.keyStore(dir);
    startCenter(CenterClient.ADMIN_TOKEN);
    documented = OpenApiOperations.read();
    atm2Secret =
        client
            .admin("PUT", "/v1/admin/terminals/ATM-0002", CenterClient.object().put("kind", "ATM"))
            .body()
            .get("secret")
            .asText();
    issuerSecret = enrol(ISSUER, "RAILWAY");
    otherIssuerSecret = enrol(OTHER_ISSUER, "PREPAID_ISSUER");
  }

  /**
   * A center over HTTPS (the home PC's routes answer only there) with terminal signatures on, the
   * test card key and card host, and {@code adminToken} as the operator's token (empty: none).
   */
  private void startCenter(String adminToken) throws Exception {
    CenterConfig config = CenterConfig.development(TestStore.SQLITE.create(dir));
    config =
        config
            .withPort(0)
            .withSweepInterval(Duration.ZERO)
            .withTls(new TlsSettings(keyStore, TestTls.PASSWORD))
            .withTerminalAuth(new CenterConfig.TerminalAuth(true, SECRET_1, Duration.ofMinutes(5)))
            .withBusiness(
                config
                    .business()
                    .withAdminToken(adminToken)
                    .withPinIterations(CenterTestBase.TEST_PIN_ITERATIONS)
                    .withOutboxInterval(Duration.ZERO)
                    .withUsers(
                        UserSecurity.defaults().withCardAuthKey(CenterTestBase.CARD_AUTH_KEY)));
    server = IssuerCenterServer.start(config, clock, cardHost);
    client = new CenterClient(server.baseUri(), clock, TestTls.trusting(keyStore));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String enrol(String issuer, String kind) {
    ObjectNode body =
        CenterClient.object()
            .put("name", issuer)
            .put("kind", kind)
            .put("bankAccount", "0001-001-1111111")
            .put("feeBps", 100);
    return client
        .admin("PUT", "/v1/admin/issuers/" + issuer, body)
        .body()
        .get("apiSecret")
        .asText();
  }

  /** A request signed under {@code secret} as sent at {@code at}. */
  private HttpRequest signed(
      String header, String who, String secret, String method, String path, Instant at) {
    byte[] body = hasBody(method) ? "{}".getBytes(StandardCharsets.UTF_8) : new byte[0];
    String ts = Long.toString(at.getEpochSecond());
    String nonce = RequestSignature.newNonce();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.baseUri().resolve(path))
            .header(header, who)
            .header("X-Kippu-Timestamp", ts)
            .header("X-Kippu-Nonce", nonce)
            .header(
                "X-Kippu-Signature",
                RequestSignature.sign(
                    secret.getBytes(StandardCharsets.UTF_8), method, path, body, ts, nonce))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (hasBody(method)) {
      b.header("Content-Type", "application/json");
    }
    return b.build();
  }

  private HttpRequest asTerminal(String terminal, String secret, String method, String path) {
    return signed("X-Terminal-Id", terminal, secret, method, path, clock.instant());
  }

  private HttpRequest asIssuer(String issuer, String secret, String method, String path) {
    return signed("X-Issuer-Id", issuer, secret, method, path, clock.instant());
  }

  private HttpRequest withHeaders(String method, String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    if (hasBody(method)) {
      b.header("Content-Type", "application/json");
      return b.method(method, HttpRequest.BodyPublishers.ofString("{}")).build();
    }
    return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
  }

  private static boolean hasBody(String method) {
    return method.equals("POST") || method.equals("PUT");
  }

  /** Sends, records a status the document does not list for {@code route}, returns the answer. */
  private CenterClient.Answer send(String route, HttpRequest request) {
    CenterClient.Answer a = client.send(request);
    if (!documented.get(route).statuses().contains(a.status())) {
      undocumented.add(route + " answered " + a.status() + " " + a.text());
    }
    return a;
  }

  private void refused(String route, String why, HttpRequest request, int status) {
    CenterClient.Answer a = send(route, request);
    assertEquals(status, a.status(), route + " " + why + ": " + a.text());
  }

  @Test
  void everyRouteRefusesEveryCallerItMust() {
    Instant stale = clock.instant().minus(Duration.ofMinutes(10));
    for (String route : server.routes()) {
      Operation op = documented.get(route);
      assertTrue(op != null, route + " is not documented");
      String method = route.substring(0, route.indexOf(' '));
      String path = route.substring(route.indexOf(' ') + 1).replace("{}", ISSUER);
      HttpRequest operator =
          withHeaders(method, path, "Authorization", "Bearer " + CenterClient.ADMIN_TOKEN);
      switch (op.caller()) {
        case OPEN -> {
          CenterClient.Answer a = send(route, withHeaders(method, path));
          assertTrue(a.status() != 401 && a.status() != 403, route + ": " + a.text());
        }
        case TERMINAL -> {
          refused(route, "unsigned", withHeaders(method, path, "X-Terminal-Id", ATM_1), 401);
          refused(route, "wrong secret", asTerminal(ATM_1, atm2Secret, method, path), 401);
          refused(
              route, "stale", signed("X-Terminal-Id", ATM_1, SECRET_1, method, path, stale), 401);
          HttpRequest once = asTerminal(ATM_1, SECRET_1, method, path);
          CenterClient.Answer first = send(route, once);
          // Past the signature, a home PC route asks for its session (401 SESSION_EXPIRED).
          assertTrue(
              first.status() != 401 || first.error().equals("SESSION_EXPIRED"),
              route + " signed: " + first.text());
          refused(route, "replayed", once, 401);
          refused(route, "issuer-signed", asIssuer(ISSUER, issuerSecret, method, path), 401);
          refused(route, "operator token", operator, 401);
        }
        case ISSUER -> {
          refused(route, "unsigned", withHeaders(method, path, "X-Issuer-Id", ISSUER), 401);
          refused(route, "wrong secret", asIssuer(ISSUER, otherIssuerSecret, method, path), 401);
          refused(
              route,
              "stale",
              signed("X-Issuer-Id", ISSUER, issuerSecret, method, path, stale),
              401);
          HttpRequest once = asIssuer(ISSUER, issuerSecret, method, path);
          CenterClient.Answer first = send(route, once);
          assertTrue(first.status() != 401, route + " signed: " + first.text());
          refused(route, "replayed", once, 401);
          refused(
              route,
              "another issuer",
              asIssuer(OTHER_ISSUER, otherIssuerSecret, method, path),
              403);
          refused(route, "terminal-signed", asTerminal(ATM_1, SECRET_1, method, path), 401);
          refused(route, "operator token", operator, 401);
        }
        case OPERATOR -> {
          refused(route, "no token", withHeaders(method, path), 401);
          refused(
              route,
              "wrong token",
              withHeaders(method, path, "Authorization", "Bearer not-the-operator-token-0"),
              401);
          refused(route, "terminal-signed", asTerminal(ATM_1, SECRET_1, method, path), 401);
          refused(route, "issuer-signed", asIssuer(ISSUER, issuerSecret, method, path), 401);
        }
      }
    }
    assertEquals(List.of(), undocumented, "statuses openapi.yaml does not list");
  }

  @Test
  void theOtherTerminalNeitherReadsNorCancelsNorIssuesAHold() {
    ObjectNode hold =
        CenterClient.object()
            .put("requestNumber", "REQ-M1")
            .put("eventId", "evt-2026-12-24-dome")
            .put("cardId", "CARD-0001");
    hold.putArray("seatIds").add("A-1-1");
    CenterClient.Answer held = client.asTerminal(ATM_1, SECRET_1, "POST", "/v1/reservations", hold);
    assertEquals(201, held.status(), held.text());
    String path = "/v1/reservations/" + held.body().get("reservationNumber").asText();

    assertEquals(404, client.asTerminal("ATM-0002", atm2Secret, "GET", path, null).status());
    assertEquals(
        404,
        client
            .asTerminal("ATM-0002", atm2Secret, "POST", path + "/cancel", CenterClient.object())
            .status());
    ObjectNode issue =
        CenterClient.object()
            .put("cardId", "CARD-0002")
            .set("payment", CenterClient.payment(8_800, "RRN-M1"));
    assertEquals(
        422, client.asTerminal("ATM-0002", atm2Secret, "POST", path + "/issue", issue).status());
    CenterClient.Answer still = client.asTerminal(ATM_1, SECRET_1, "GET", path, null);
    assertEquals("HELD", still.body().get("status").asText(), still.text());
  }

  private CenterClient.Answer atm1(String method, String path, Object body) {
    return client.asTerminal(ATM_1, SECRET_1, method, path, body);
  }

  private CenterClient.Answer atm2(String method, String path, Object body) {
    return client.asTerminal(ATM_2, atm2Secret, method, path, body);
  }

  @Test
  void withoutAnOperatorTokenEveryOperatorRouteIsOff() throws Exception {
    server.close();
    startCenter("");
    for (String route : server.routes()) {
      if (documented.get(route).caller() != Caller.OPERATOR) {
        continue;
      }
      String method = route.substring(0, route.indexOf(' '));
      String path = route.substring(route.indexOf(' ') + 1).replace("{}", ISSUER);
      CenterClient.Answer a =
          send(
              route,
              withHeaders(method, path, "Authorization", "Bearer " + CenterClient.ADMIN_TOKEN));
      assertEquals(403, a.status(), route + ": " + a.text());
      assertEquals("ADMIN_DISABLED", a.error(), route);
    }
    assertEquals(List.of(), undocumented, "statuses openapi.yaml does not list");
  }

  @Test
  void theOtherTerminalNeitherReadsNorWithdrawsACommuterPassSale() {
    ObjectNode product =
        CenterClient.object()
            .put("cardType", "COMMUTER_PASS")
            .put("name", "Shinagawa-Yokohama 1 month")
            .put("priceYen", 13_790);
    product
        .putObject("section")
        .put("line", "Keihin")
        .put("fromStation", "Shinagawa")
        .put("toStation", "Yokohama")
        .put("periodDays", 30);
    assertEquals(
        201,
        client
            .asIssuer(
                ISSUER, issuerSecret, "PUT", "/v1/issuers/" + ISSUER + "/products/pass-1m", product)
            .status());
    ObjectNode sale =
        CenterClient.object()
            .put("requestNumber", "K-1")
            .put("productId", "pass-1m")
            .put("validFrom", "2026-12-02")
            .put("cardId", "CARD-0001");
    sale.putObject("holder")
        .put("name", "Hanako Sato")
        .put("phone", "045-123-4567")
        .put("address", "Yokohama");
    sale.set("payment", CenterClient.payment(13_790, "RRN-K1"));
    CenterClient.Answer sold = atm1("POST", "/v1/commuter-passes", sale);
    assertEquals(201, sold.status(), sold.text());
    String path = "/v1/commuter-passes/requests/K-1";

    CenterClient.Answer read = atm2("GET", path, null);
    assertEquals(404, read.status(), read.text());
    assertEquals("SALE_NOT_FOUND", read.error());
    ObjectNode withdrawal = CenterClient.object().put("cardId", "CARD-0001");
    withdrawal.set("payment", CenterClient.payment(13_790, "RRN-K1"));
    CenterClient.Answer withdrawn = atm2("POST", path + "/withdrawal", withdrawal);
    assertEquals(200, withdrawn.status(), "its own request K-1, under which it sold nothing");

    CenterClient.Answer still = atm1("GET", path, null);
    assertEquals(200, still.status(), still.text());
    assertEquals(sold.body().get("passNumber"), still.body().get("passNumber"));
    CenterClient.Answer own = atm1("POST", path + "/withdrawal", withdrawal);
    assertEquals(409, own.status(), own.text());
    assertEquals("PASS_SOLD", own.error(), "the pass stands for the terminal that sold it");
  }

  @Test
  void theOtherTerminalNeitherReadsNorReversesNorRepeatsAHomePayment() {
    ObjectNode user =
        CenterClient.object()
            .put("userId", "hanako01")
            .put("name", "Hanako Sato")
            .put("phone", "03-1234-5678")
            .put("address", "Chiyoda, Tokyo")
            .put("pin", "4827");
    assertEquals(201, atm1("POST", "/v1/users", user).status());
    ObjectNode access = CenterClient.object().put("pin", "4827").put("password", "hanako-at-home");
    access.putObject("card").put("number", "4111110000002225").put("expiry", "3012");
    assertEquals(200, atm1("POST", "/v1/users/hanako01/home-access", access).status());
    CenterClient.Answer login =
        atm1(
            "POST",
            "/v1/home/sessions",
            CenterClient.object().put("userId", "hanako01").put("password", "hanako-at-home"));
    assertEquals(200, login.status(), login.text());
    String session = login.body().get("session").asText();
    ObjectNode payment = CenterClient.object().put("reference", "HP-1").put("amountYen", 1_000);
    CenterClient.Answer paid =
        client.send(
            client
                .signedAsTerminal(ATM_1, SECRET_1, "POST", "/v1/home/payments", payment)
                .header("X-Home-Session", session)
                .build());
    assertEquals(200, paid.status(), paid.text());
    assertEquals("APPROVED", paid.body().get("status").asText());
    String path = "/v1/home/payments/HP-1";

    CenterClient.Answer read = atm2("GET", path, null);
    assertEquals(404, read.status(), read.text());
    assertEquals("PAYMENT_NOT_FOUND", read.error());
    assertEquals(404, atm2("POST", path + "/reverse", null).status());
    CenterClient.Answer repeated =
        client.send(
            client
                .signedAsTerminal(ATM_2, atm2Secret, "POST", "/v1/home/payments", payment)
                .header("X-Home-Session", session)
                .build());
    assertEquals(409, repeated.status(), repeated.text());
    assertEquals("REFERENCE_REUSED", repeated.error(), "not the first terminal's payment again");

    CenterClient.Answer still = atm1("GET", path, null);
    assertEquals("APPROVED", still.body().get("status").asText(), still.text());
    assertEquals(java.util.Set.of(), cardHost.reversed(), "nothing was taken back");
  }

  @Test
  void theOtherTerminalCannotAnswerACardChallengeIssuedToAnother() {
    ObjectNode user =
        CenterClient.object()
            .put("userId", "taro0001")
            .put("name", "Taro Sato")
            .put("phone", "03-1234-5678")
            .put("address", "Chiyoda, Tokyo")
            .put("pin", "2468");
    assertEquals(201, atm2("POST", "/v1/users", user).status());
    CenterClient.Answer challenge =
        atm1("POST", "/v1/cards/CARD-T/challenge", CenterClient.object());
    assertEquals(201, challenge.status(), challenge.text());
    byte[] answer =
        CenterTestBase.cardAnswer(
            CenterTestBase.CARD_AUTH_KEY,
            "CARD-T",
            java.util.Base64.getDecoder().decode(challenge.body().get("challenge").asText()));
    ObjectNode link = CenterClient.object().put("pin", "2468").put("cardId", "CARD-T");
    link.putObject("cardProof")
        .put("challengeId", challenge.body().get("challengeId").asText())
        .put("response", java.util.Base64.getEncoder().encodeToString(answer));

    CenterClient.Answer linked = atm2("POST", "/v1/users/taro0001/cards", link);
    assertEquals(403, linked.status(), linked.text());
    assertEquals("CARD_NOT_PRESENT", linked.error());
  }

  @Test
  void theOtherTerminalNeitherClaimsNorReplaysATerminalsPrepaidPayment() {
    ObjectNode product =
        CenterClient.object()
            .put("cardType", "PREPAID")
            .put("name", "Prepaid 1000")
            .put("priceYen", 1_000)
            .put("valueYen", 1_000);
    String issuerPath = "/v1/issuers/" + OTHER_ISSUER;
    assertEquals(
        201,
        client
            .asIssuer(
                OTHER_ISSUER, otherIssuerSecret, "PUT", issuerPath + "/products/pp-1000", product)
            .status());
    ObjectNode cards = CenterClient.object().put("productId", "pp-1000");
    cards.putArray("cardIds").add("PP-0001");
    assertEquals(
        200,
        client
            .asIssuer(OTHER_ISSUER, otherIssuerSecret, "POST", issuerPath + "/prepaid-cards", cards)
            .status());
    ObjectNode activation = CenterClient.object();
    activation.set("payment", CenterClient.payment(1_000, "RRN-P1"));
    String path = "/v1/prepaid-cards/PP-0001/activate";
    assertEquals(200, atm1("POST", path, activation).status());
    assertEquals(200, atm1("POST", path, activation).status(), "the same terminal's repeat");

    CenterClient.Answer other = atm2("POST", path, activation);
    assertEquals(409, other.status(), other.text());
    assertEquals("CARD_ALREADY_ACTIVE", other.error(), "its RRN-P1 is another payment");
    ((ObjectNode) activation.get("payment")).put("terminalId", ATM_1);
    CenterClient.Answer claimed = atm2("POST", path, activation);
    assertEquals(400, claimed.status(), claimed.text());
    assertEquals("payment.terminalId", claimed.body().get("field").asText());
  }

  @Test
  void aRequestNumberNamesARequestOfItsOwnTerminalOnly() {
    ObjectNode purchase = CenterClient.purchase("P-1", "CARD-0001", "A-1-1", 8_800, "RRN-P1");
    CenterClient.Answer bought = atm1("POST", "/v1/purchases", purchase);
    assertEquals(201, bought.status(), bought.text());
    CenterClient.Answer other = atm2("POST", "/v1/purchases", purchase);
    assertEquals(409, other.status(), "not the first terminal's ticket: " + other.text());
    assertEquals("SEAT_UNAVAILABLE", other.error());

    ObjectNode app =
        CenterClient.object()
            .put("version", 1)
            .put("aid", "F04B495050550001")
            .put("name", "Points")
            .put("priceYen", 500)
            .put("code", java.util.Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
    assertEquals(
        201,
        client
            .asIssuer(
                ISSUER, issuerSecret, "PUT", "/v1/issuers/" + ISSUER + "/applications/points", app)
            .status());
    ObjectNode sale =
        CenterClient.object()
            .put("requestNumber", "A-1")
            .put("version", 1)
            .put("cardId", "CARD-0001");
    sale.set("payment", CenterClient.payment(500, "RRN-A1"));
    CenterClient.Answer sold = atm1("POST", "/v1/applications/points/sales", sale);
    assertEquals(201, sold.status(), sold.text());
    CenterClient.Answer own = atm2("POST", "/v1/applications/points/sales", sale);
    assertEquals(201, own.status(), "a sale of its own: " + own.text());
    assertTrue(
        !own.body().get("saleId").equals(sold.body().get("saleId")),
        "not the first terminal's sale answered again");
  }
}
