package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kippu.center.OpenApiOperations.Caller;
import com.kippu.center.OpenApiOperations.Operation;
import com.kippu.center.terminal.RequestSignature;
import com.kippu.center.testdb.TestStore;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The answers every route of a kind gives alike, asked of every one of them (over HTTPS, so the
 * home PC's routes answer too; terminal signatures off, as development allows): a body that is not
 * JSON is 415 and broken JSON 400 wherever the document takes a body, and 415 is documented exactly
 * there; a terminal route without {@code X-Terminal-Id} is 400; a gate is 403 on every terminal
 * route but the ticket check. Each call passes the caller's other checks, so the answer is about
 * the one thing wrong.
 */
class RouteWideAnswersIntegrationTest extends HttpsCenterTestBase {
  private static final String ISSUER = "keio-rail";
  private static final String GATE = "GATE-01";
  private static final String TICKET_CHECK = "POST /v1/tickets/{}/verify";

  private Map<String, Operation> documented;
  private String issuerSecret;
  private String homeSession;

  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  @BeforeEach
  void callers() {
    documented = OpenApiOperations.read();
    issuerSecret = newIssuer(ISSUER, "RAILWAY");
    registerGate(GATE, "Tokyo Dome");
    homeSession = homeSession();
  }

  /** A home PC's session of a registered user, so the home routes reach their body. */
  private String homeSession() {
    registerHomeUser();
    CenterClient.Answer login =
        client.post(
            "/v1/home/sessions",
            CenterClient.object().put("userId", "hanako01").put("password", "hanako-at-home"),
            "HOME-0001");
    assertEquals(200, login.status(), login.text());
    return login.body().get("session").asText();
  }

  /**
   * A path of {@code route} its checks before the body accept: the operator's terminal routes name
   * a registered terminal, issuer routes the calling issuer and lower-case ids, the rest an id that
   * every id pattern takes.
   */
  private static String path(String route, Operation op) {
    String template = route.substring(route.indexOf(' ') + 1);
    if (template.startsWith("/v1/admin/terminals/")) {
      return template.replace("{}", GATE);
    }
    if (template.startsWith("/v1/admin/issuers/") || op.caller() == Caller.ISSUER) {
      return template.replaceFirst("\\{}", ISSUER).replace("{}", "item-1");
    }
    return template.replace("{}", "R0123456789");
  }

  private static String method(String route) {
    return route.substring(0, route.indexOf(' '));
  }

  /** {@code body} as {@code contentType} to {@code route}, from the caller the route expects. */
  private CenterClient.Answer send(String route, String contentType, String body) {
    Operation op = documented.get(route);
    String method = method(route);
    String path = path(route, op);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.baseUri().resolve(path))
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    switch (op.caller()) {
      case TERMINAL -> b.header("X-Terminal-Id", "ATM-0001").header("X-Home-Session", homeSession);
      case OPERATOR -> b.header("Authorization", "Bearer " + CenterClient.ADMIN_TOKEN);
      case ISSUER -> {
        String ts = Long.toString(clock.instant().getEpochSecond());
        String nonce = RequestSignature.newNonce();
        b.header("X-Issuer-Id", ISSUER)
            .header("X-Kippu-Timestamp", ts)
            .header("X-Kippu-Nonce", nonce)
            .header(
                "X-Kippu-Signature",
                RequestSignature.sign(
                    issuerSecret.getBytes(StandardCharsets.UTF_8),
                    method,
                    path,
                    body.getBytes(StandardCharsets.UTF_8),
                    ts,
                    nonce));
      }
      case OPEN -> throw new IllegalStateException(route + " takes no body");
    }
    return client.send(b.build());
  }

  @Test
  void everyRouteTakingABodyRefusesOneNotJsonWith415AndBrokenJsonWith400() {
    List<String> wrong = new ArrayList<>();
    for (String route : server.routes()) {
      Operation op = documented.get(route);
      if (op.statuses().contains(415) != op.takesBody()) {
        wrong.add(
            route + " documents 415 " + op.statuses().contains(415) + ", a body " + op.takesBody());
      }
      if (!op.takesBody()) {
        continue;
      }
      CenterClient.Answer text = send(route, "text/plain; charset=utf-8", "{}");
      if (text.status() != 415 || !text.error().equals("UNSUPPORTED_MEDIA_TYPE")) {
        wrong.add(route + " text/plain: " + text.status() + " " + text.text());
      }
      CenterClient.Answer broken = send(route, "application/json", "{\"a\":");
      if (broken.status() != 400 || !broken.error().equals("MALFORMED_JSON")) {
        wrong.add(route + " broken JSON: " + broken.status() + " " + broken.text());
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void everyTerminalRouteWithoutTheTerminalHeaderIs400() {
    List<String> wrong = new ArrayList<>();
    for (String route : server.routes()) {
      if (documented.get(route).caller() != Caller.TERMINAL) {
        continue;
      }
      CenterClient.Answer a = client.send(request(route).build());
      if (a.status() != 400 || !a.error().equals("MISSING_HEADER")) {
        wrong.add(route + ": " + a.status() + " " + a.text());
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void aGateIsRefusedOnEveryTerminalRouteButTheTicketCheck() {
    List<String> wrong = new ArrayList<>();
    for (String route : server.routes()) {
      if (documented.get(route).caller() != Caller.TERMINAL || route.equals(TICKET_CHECK)) {
        continue;
      }
      CenterClient.Answer a = client.send(request(route).header("X-Terminal-Id", GATE).build());
      if (a.status() != 403 || !a.error().equals("WRONG_TERMINAL_KIND")) {
        wrong.add(route + ": " + a.status() + " " + a.text());
      }
    }
    assertEquals(List.of(), wrong);
  }

  /** {@code route} with an empty JSON body where it takes one, and no caller named. */
  private HttpRequest.Builder request(String route) {
    String method = method(route);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.baseUri().resolve(path(route, documented.get(route))));
    if (method.equals("GET")) {
      return b.GET();
    }
    return b.header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString("{}"));
  }
}
