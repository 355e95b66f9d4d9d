package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.testdb.TestStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One rule for every route a PIN opens, asked of each of them: a PIN block from a terminal the
 * center gave no PIN key (nor could: it has no secret) is 409 NO_PIN_KEY; a user locked by wrong
 * PINs is 423 USER_LOCKED, even with the right one; a terminal throttled for wrong PINs is 429
 * TERMINAL_THROTTLED, even for a registration (whose PIN block it can no longer have read). Every
 * other field of each request is good, so the answer is the PIN's.
 */
class PinRoutesIntegrationTest extends CenterTestBase {
  private static final int TERMINAL_LIMIT = 3;
  private static final String USER = "hanako01";
  private static final String PIN = "4321";
  private static final String PNG =
      java.util.Base64.getEncoder()
          .encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0});

  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  @Override
  UserSecurity userSecurity() {
    return super.userSecurity().withTerminalLimit(TERMINAL_LIMIT, Duration.ofMinutes(15));
  }

  /** Every route a PIN opens, with a body whose every other field is good. */
  private static Map<String, ObjectNode> pinRoutes() {
    Map<String, ObjectNode> routes = new LinkedHashMap<>();
    ObjectNode proof =
        CenterClient.object().put("challengeId", "CH-UNKNOWN").put("response", "AAAA");
    routes.put(
        "/v1/users/" + USER + "/cards",
        CenterClient.object().put("cardId", "CARD-0001").set("cardProof", proof.deepCopy()));
    routes.put("/v1/users/" + USER + "/purchases", CenterClient.object());
    routes.put("/v1/users/" + USER + "/cards/CARD-0001/lost", CenterClient.object());
    routes.put(
        "/v1/users/" + USER + "/cards/CARD-0001/reissue",
        CenterClient.object().put("newCardId", "CARD-0002").set("cardProof", proof.deepCopy()));
    ObjectNode home = CenterClient.object().put("password", "hanako-at-home");
    home.putObject("card").put("number", "4111110000002225").put("expiry", "3012");
    routes.put("/v1/users/" + USER + "/home-access", home);
    routes.put("/v1/users/" + USER + "/photo", CenterClient.object().put("png", PNG));
    // A pass in the registered user's name (S2 ¶37): the user's PIN is asked before the sale.
    ObjectNode pass =
        CenterClient.object()
            .put("registeredUser", USER)
            .put("requestNumber", "K-PIN")
            .put("productId", "a-pass")
            .put("validFrom", "2026-12-02")
            .put("cardId", "CARD-0001");
    pass.putObject("holder")
        .put("name", "Hanako Sato")
        .put("phone", "03-1234-5678")
        .put("address", "Chiyoda, Tokyo");
    pass.set("payment", CenterClient.payment(6_890, "RRN-PIN"));
    routes.put("/v1/commuter-passes", pass);
    return routes;
  }

  private static ObjectNode registration(String userId) {
    return CenterClient.object()
        .put("userId", userId)
        .put("name", "Hanako Sato")
        .put("phone", "03-1234-5678")
        .put("address", "Chiyoda, Tokyo");
  }

  private static ObjectNode withPin(ObjectNode body, String pin) {
    return body.deepCopy().put("pin", pin);
  }

  private static ObjectNode withPinBlock(ObjectNode body, String checkValue) {
    ObjectNode b = body.deepCopy();
    b.putObject("pinBlock").put("block", "0123456789ABCDEF").put("keyCheckValue", checkValue);
    return b;
  }

  private void register(String userId, String terminal) {
    CenterClient.Answer a = client.post("/v1/users", withPin(registration(userId), PIN), terminal);
    assertEquals(201, a.status(), a.text());
  }

  private static void expect(
      List<String> wrong, String path, CenterClient.Answer a, int status, String code) {
    if (a.status() != status || !a.error().equals(code)) {
      wrong.add(path + ": " + a.status() + " " + a.text());
    }
  }

  @Test
  void aPinBlockFromATerminalWithoutAPinKeyIs409() {
    register(USER, "ATM-0001");
    List<String> wrong = new ArrayList<>();
    Map<String, ObjectNode> routes = pinRoutes();
    routes.put("/v1/users", registration("taro0001"));
    routes.forEach(
        (path, body) ->
            expect(
                wrong,
                path,
                client.post(path, withPinBlock(body, "ABCDEF"), "ATM-0077"),
                409,
                "NO_PIN_KEY"));
    assertEquals(List.of(), wrong);
    CenterClient.Answer noKey =
        client.post("/v1/terminals/pin-key", CenterClient.object(), "ATM-0077");
    assertEquals(
        409, noKey.status(), "a terminal given no secret gets no PIN key: " + noKey.text());
    assertEquals("NO_PIN_KEY", noKey.error());
    CenterClient.Answer taken =
        client.post("/v1/users", withPin(registration(USER), "1111"), "ATM-0001");
    assertEquals(409, taken.status(), taken.text());
    assertEquals("USER_EXISTS", taken.error());
  }

  @Test
  void aUserLockedByWrongPinsIs423OnEveryRouteTheirPinOpens() {
    register(USER, "ATM-0001");
    for (int i = 1; i <= BusinessRules.DEFAULT_MAX_PIN_FAILURES; i++) {
      // One wrong PIN from each of several terminals: the user's lock, not a terminal's throttle.
      client.post(
          "/v1/users/" + USER + "/purchases", withPin(CenterClient.object(), "0000"), "ATM-10" + i);
    }
    List<String> wrong = new ArrayList<>();
    int terminal = 0;
    for (Map.Entry<String, ObjectNode> route : pinRoutes().entrySet()) {
      // A locked user's attempt counts towards the terminal's throttle too: one terminal each.
      CenterClient.Answer a =
          client.post(route.getKey(), withPin(route.getValue(), PIN), "ATM-20" + ++terminal);
      expect(wrong, route.getKey(), a, 423, "USER_LOCKED");
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void aTerminalThrottledForWrongPinsIs429OnEveryPinRoute() {
    register(USER, "ATM-0001");
    CenterClient.Answer registered =
        client.admin(
            "PUT", "/v1/admin/terminals/ATM-0099", CenterClient.object().put("kind", "ATM"));
    assertEquals(201, registered.status(), registered.text());
    CenterClient.Answer key =
        client.post("/v1/terminals/pin-key", CenterClient.object(), "ATM-0099");
    assertEquals(200, key.status(), key.text());
    String checkValue = key.body().get("checkValue").asText();
    for (int i = 1; i <= TERMINAL_LIMIT; i++) {
      CenterClient.Answer unreadable =
          client.post(
              "/v1/users", withPinBlock(registration("user000" + i), checkValue), "ATM-0099");
      assertEquals(401, unreadable.status(), "a block that does not open: " + unreadable.text());
    }
    List<String> wrong = new ArrayList<>();
    expect(
        wrong,
        "/v1/users",
        client.post("/v1/users", withPinBlock(registration("taro0001"), checkValue), "ATM-0099"),
        429,
        "TERMINAL_THROTTLED");
    pinRoutes()
        .forEach(
            (path, body) ->
                expect(
                    wrong,
                    path,
                    client.post(path, withPin(body, PIN), "ATM-0099"),
                    429,
                    "TERMINAL_THROTTLED"));
    assertEquals(List.of(), wrong);
  }
}
