package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * with the wrong secret, stale, replayed; a terminal on issuer and operator routes and back; the
 * other terminal on a terminal's reservation. Every status seen is one openapi.yaml documents for
 * that route.
 */
class AuthorizationMatrixIntegrationTest {
  private static final String ATM_1 = CenterConfig.TerminalAuth.SEEDED_TERMINAL;
  private static final String SECRET_1 = "matrix-terminal-secret-0001";
  private static final String ISSUER = "keio-rail";
  private static final String OTHER_ISSUER = "other-issuer";

  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T01:00:00Z"));
  private IssuerCenterServer server;
  private CenterClient client;
  private Map<String, Operation> documented;
  private final List<String> undocumented = new ArrayList<>();
  private String atm2Secret;
  private String issuerSecret;
  private String otherIssuerSecret;

  @BeforeEach
  void start() {
    CenterConfig config = CenterConfig.development(TestStore.SQLITE.create(dir));
    config =
        config
            .withPort(0)
            .withSweepInterval(Duration.ZERO)
            .withTerminalAuth(new CenterConfig.TerminalAuth(true, SECRET_1, Duration.ofMinutes(5)))
            .withBusiness(
                config
                    .business()
                    .withAdminToken(CenterClient.ADMIN_TOKEN)
                    .withPinIterations(CenterTestBase.TEST_PIN_ITERATIONS)
                    .withOutboxInterval(Duration.ZERO));
    server = IssuerCenterServer.start(config, clock);
    client = new CenterClient(server.baseUri(), clock);
    documented = OpenApiOperations.read();
    atm2Secret =
        client
            .admin("PUT", "/v1/admin/terminals/ATM-0002", CenterClient.object().put("kind", "ATM"))
            .body()
            .get("secret")
            .asText();
    issuerSecret = enrol(ISSUER);
    otherIssuerSecret = enrol(OTHER_ISSUER);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String enrol(String issuer) {
    ObjectNode body =
        CenterClient.object()
            .put("name", issuer)
            .put("kind", "RAILWAY")
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
          assertTrue(first.status() != 401, route + " signed: " + first.text());
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
}
