package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.home.CardAuthorizer;
import com.kippu.center.testdb.TestStore;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * F13's payments at the center, against a test card host: a payment is charged once per reference
 * and read back by the terminal that made it, an approved one taken back (a declined one has
 * nothing to take back), a reference reused for another payment refused; an unreachable card host
 * is 503 and leaves the payment pending for its reversal; a card in the home PC's reader is
 * recorded under the user unless another user holds it; a stored card that no longer opens fails
 * the login.
 */
class HomePaymentsIntegrationTest extends HttpsCenterTestBase {
  private static final String HOME = "HOME-0001";
  private final TestCardHost cardHost = new TestCardHost();
  private String session;

  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  @Override
  CardAuthorizer cardHost() {
    return cardHost;
  }

  @BeforeEach
  void loggedIn() {
    register("hanako01", "4827");
    ObjectNode access = CenterClient.object().put("pin", "4827").put("password", "hanako-at-home");
    access.putObject("card").put("number", "4111110000002225").put("expiry", "3012");
    assertEquals(200, client.post("/v1/users/hanako01/home-access", access, "ATM-0001").status());
    CenterClient.Answer login = login();
    assertEquals(200, login.status(), login.text());
    session = login.body().get("session").asText();
  }

  private void register(String userId, String pin) {
    ObjectNode user =
        CenterClient.object()
            .put("userId", userId)
            .put("name", "Hanako Sato")
            .put("phone", "03-1234-5678")
            .put("address", "Chiyoda, Tokyo")
            .put("pin", pin);
    assertEquals(201, client.post("/v1/users", user, "ATM-0001").status());
  }

  private CenterClient.Answer login() {
    return client.post(
        "/v1/home/sessions",
        CenterClient.object().put("userId", "hanako01").put("password", "hanako-at-home"),
        HOME);
  }

  /** {@code method} {@code path} from the home PC, in its session. */
  private CenterClient.Answer home(String method, String path, ObjectNode body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.baseUri().resolve(path))
            .header("X-Terminal-Id", HOME)
            .header("X-Home-Session", session);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    return client.send(b.build());
  }

  private CenterClient.Answer pay(String reference, long yen) {
    return home(
        "POST",
        "/v1/home/payments",
        CenterClient.object().put("reference", reference).put("amountYen", yen));
  }

  private static void assertStatus(String expected, CenterClient.Answer a) {
    assertEquals(200, a.status(), a.text());
    assertEquals(expected, a.body().get("status").asText(), a.text());
  }

  @Test
  void aPaymentIsChargedOnceReadBackAndTakenBack() {
    CenterClient.Answer paid = pay("HP-1", 1_000);
    assertStatus("APPROVED", paid);
    CenterClient.Answer again = pay("HP-1", 1_000);
    assertStatus("APPROVED", again);
    assertEquals(paid.body().get("rrn"), again.body().get("rrn"), "charged once");
    CenterClient.Answer reused = pay("HP-1", 2_000);
    assertEquals(409, reused.status(), reused.text());
    assertEquals("REFERENCE_REUSED", reused.error());

    assertStatus("APPROVED", home("GET", "/v1/home/payments/HP-1", null));
    CenterClient.Answer unknown = home("GET", "/v1/home/payments/HP-9", null);
    assertEquals(404, unknown.status(), unknown.text());
    assertEquals("PAYMENT_NOT_FOUND", unknown.error());

    assertStatus("REVERSED", home("POST", "/v1/home/payments/HP-1/reverse", null));
    assertStatus("REVERSED", home("GET", "/v1/home/payments/HP-1", null));
    assertEquals(404, home("POST", "/v1/home/payments/HP-9/reverse", null).status());

    assertStatus("DECLINED", pay("HP-2", 1_099));
    assertStatus("DECLINED", home("POST", "/v1/home/payments/HP-2/reverse", null));
    assertEquals(Set.of("HP-1"), cardHost.reversed(), "a declined payment has nothing to undo");
  }

  @Test
  void anUnreachableCardHostIs503AndLeavesThePaymentPending() {
    cardHost.reachable(false);
    CenterClient.Answer down = pay("HP-4", 1_000);
    assertEquals(503, down.status(), down.text());
    assertEquals("CARD_HOST_UNAVAILABLE", down.error());
    assertStatus("PENDING", home("GET", "/v1/home/payments/HP-4", null));

    cardHost.reachable(true);
    assertStatus("PENDING", pay("HP-4", 1_000));
    assertStatus("APPROVED", pay("HP-3", 1_000));
    cardHost.reachable(false);
    CenterClient.Answer notTakenBack = home("POST", "/v1/home/payments/HP-3/reverse", null);
    assertEquals(503, notTakenBack.status(), notTakenBack.text());
    assertStatus("APPROVED", home("GET", "/v1/home/payments/HP-3", null));
  }

  @Test
  void aCardInTheHomeReaderIsRecordedUnderTheUserUnlessAnotherUserHoldsIt() {
    CenterClient.Answer linked =
        home(
            "POST",
            "/v1/home/cards",
            CenterClient.object()
                .put("cardId", "CARD-HOME")
                .set("cardProof", cardProof("CARD-HOME", HOME)));
    assertEquals(200, linked.status(), linked.text());
    assertEquals("hanako01", linked.body().get("userId").asText());

    register("taro0001", "2468");
    CenterClient.Answer taros =
        client.post(
            "/v1/users/taro0001/cards",
            CenterClient.object()
                .put("pin", "2468")
                .put("cardId", "CARD-TARO")
                .set("cardProof", cardProof("CARD-TARO", "ATM-0001")),
            "ATM-0001");
    assertEquals(200, taros.status(), taros.text());
    CenterClient.Answer another =
        home(
            "POST",
            "/v1/home/cards",
            CenterClient.object()
                .put("cardId", "CARD-TARO")
                .set("cardProof", cardProof("CARD-TARO", HOME)));
    assertEquals(409, another.status(), another.text());
    assertEquals("CARD_OF_ANOTHER_USER", another.error());
  }

  @Test
  void aStoredCardThatNoLongerOpensFailsTheLoginWith404() throws Exception {
    // The record is damaged while the center is down (it holds the database while it runs).
    server.close();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("center.db"));
        PreparedStatement damage =
            db.prepareStatement("UPDATE home_access SET card_sealed = ? WHERE user_id = ?")) {
      damage.setBytes(1, new byte[48]);
      damage.setString(2, "hanako01");
      assertEquals(1, damage.executeUpdate());
    }
    server = IssuerCenterServer.start(started.withPort(0), clock, cardHost);
    client = client(server.baseUri());
    CenterClient.Answer login = login();
    assertEquals(404, login.status(), login.text());
    assertEquals("NO_STORED_CARD", login.error());
  }
}
