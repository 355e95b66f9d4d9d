package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.signing.Ed25519;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The card after the sale: gate verification (F8), registered users (F12), lost cards and reissue
 * (F9), prepaid activation (F10) and recharge (F11); one subclass per engine.
 */
abstract class CardLifecycleIntegrationTest extends CenterTestBase {

  private final java.util.Set<String> gates = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private CenterClient.Answer verify(String ticket, String card, String entry, String gate) {
    ObjectNode b = CenterClient.object().put("cardId", card);
    if (entry != null) {
      b.put("entryId", entry);
      if (gates.add(gate)) {
        registerGate(gate, "Tokyo Dome");
      }
    }
    return client.post("/v1/tickets/" + ticket + "/verify", b, gate);
  }

  private void registerUser(String userId, String pin, String... cards) {
    ObjectNode u =
        CenterClient.object()
            .put("userId", userId)
            .put("name", "Hanako Yamada")
            .put("phone", "03-1234-5678")
            .put("address", "Chiyoda, Tokyo")
            .put("pin", pin);
    assertEquals(201, client.post("/v1/users", u, "ATM-0001").status());
    for (String card : cards) {
      CenterClient.Answer linked =
          client.post(
              "/v1/users/" + userId + "/cards",
              CenterClient.object().put("pin", pin).put("cardId", card),
              "ATM-0001");
      assertEquals(200, linked.status(), linked.text());
    }
  }

  private PublicKey key(String path) throws Exception {
    return Ed25519.publicKey(
        Base64.getDecoder().decode(client.get(path).body().get("publicKey").asText()));
  }

  @Test
  void gateAdmitsATicketOnceAndAnswersItsRetry() {
    String ticket = buy("P-1", "CARD-0001", "S-1-1", 12_000, "RRN-1").get("ticketNumber").asText();
    assertEquals(
        "VALID", verify(ticket, "CARD-0001", null, "GATE-1").body().get("verdict").asText());
    CenterClient.Answer entered = verify(ticket, "CARD-0001", "E-1", "GATE-1");
    assertEquals(200, entered.status());
    CenterClient.Answer retried = verify(ticket, "CARD-0001", "E-1", "GATE-1");
    assertEquals(200, retried.status(), "a retry of the same entry is answered again");
    assertEquals(entered.body().get("usedAt"), retried.body().get("usedAt"));
    CenterClient.Answer again = verify(ticket, "CARD-0001", "E-2", "GATE-2");
    assertEquals(409, again.status());
    assertEquals("USED", again.body().get("verdict").asText());
    assertEquals("GATE-1", again.body().get("gateId").asText());
    assertEquals(
        "UNKNOWN", verify(ticket, "CARD-9999", null, "GATE-1").body().get("verdict").asText());
    assertEquals(404, verify("T000000000000", "CARD-0001", "E-3", "GATE-1").status());
  }

  @Test
  void racingGatesAdmitATicketExactlyOnce() throws Exception {
    String ticket = buy("P-1", "CARD-0001", "S-1-1", 12_000, "RRN-1").get("ticketNumber").asText();
    List<Callable<CenterClient.Answer>> racing = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int n = i;
      registerGate("GATE-" + n, "Tokyo Dome");
      gates.add("GATE-" + n);
      racing.add(() -> verify(ticket, "CARD-0001", "E-" + n, "GATE-" + n));
    }
    List<CenterClient.Answer> answers = race(racing);
    assertEquals(1, answers.stream().filter(a -> a.status() == 200).count());
    assertEquals(
        19, answers.stream().filter(a -> a.body().get("verdict").asText().equals("USED")).count());
  }

  @Test
  void wrongPinsLockTheUserEvenWhenTheyArriveTogether() throws Exception {
    registerUser("hanako01", "4321");
    List<Callable<CenterClient.Answer>> guesses = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      guesses.add(
          () ->
              client.post(
                  "/v1/users/hanako01/purchases",
                  CenterClient.object().put("pin", "1111"),
                  "ATM-0001"));
    }
    List<CenterClient.Answer> answers = race(guesses);
    assertEquals(
        4, answers.stream().filter(a -> a.status() == 401).count(), "the 5th wrong PIN locks");
    assertEquals(8, answers.stream().filter(a -> a.status() == 423).count());
    // The bodies themselves: a record's toString also prints array identity hashes.
    assertFalse(
        answers.stream().anyMatch(a -> a.text().contains("1111")), "the PIN is never echoed");
    CenterClient.Answer right =
        client.post(
            "/v1/users/hanako01/purchases", CenterClient.object().put("pin", "4321"), "ATM-0001");
    assertEquals(423, right.status(), "locked even with the right PIN");
    clock.advance(Duration.ofMinutes(30));
    assertEquals(
        200,
        client
            .post(
                "/v1/users/hanako01/purchases",
                CenterClient.object().put("pin", "4321"),
                "ATM-0001")
            .status());
    assertEquals(
        401,
        client
            .post(
                "/v1/users/nobody99/purchases",
                CenterClient.object().put("pin", "4321"),
                "ATM-0001")
            .status());
  }

  @Test
  void lostCardIsRefusedEverywhereAndItsTicketsAreReissuedOntoANewCard() throws Exception {
    registerUser("hanako01", "4321", "CARD-LOST");
    String t1 = buy("P-1", "CARD-LOST", "S-1-1", 12_000, "RRN-1").get("ticketNumber").asText();
    String t2 = buy("P-2", "CARD-LOST", "S-1-2", 12_000, "RRN-2").get("ticketNumber").asText();

    CenterClient.Answer wrongPin =
        client.post(
            "/v1/users/hanako01/cards/CARD-LOST/lost",
            CenterClient.object().put("pin", "0000"),
            "ATM-0001");
    assertEquals(401, wrongPin.status());
    CenterClient.Answer lost =
        client.post(
            "/v1/users/hanako01/cards/CARD-LOST/lost",
            CenterClient.object().put("pin", "4321").put("reason", "stolen"),
            "ATM-0001");
    assertEquals(200, lost.status(), lost.text());
    assertEquals(2, lost.body().get("revokedTickets").size());
    assertEquals(
        200,
        client
            .post(
                "/v1/users/hanako01/cards/CARD-LOST/lost",
                CenterClient.object().put("pin", "4321"),
                "ATM-0001")
            .status(),
        "reporting again changes nothing");

    CenterClient.Answer refused = verify(t1, "CARD-LOST", "E-1", "GATE-1");
    assertEquals(410, refused.status());
    assertEquals("REVOKED", refused.body().get("verdict").asText());

    CenterClient.Answer crl = client.get("/v1/revocations");
    var signed = CenterClient.envelope(crl.body().get("signedList"));
    assertTrue(Ed25519.verify(signed, key("/v1/center/key")), "the list is signed by the center");
    JsonNode list = CenterClient.JSON.readTree(signed.payload());
    assertEquals(3, crl.body().get("version").asLong());
    assertEquals(crl.body().get("version").asLong(), list.get("version").asLong());
    Set<String> subjects = new HashSet<>();
    list.get("entries")
        .forEach(e -> subjects.add(e.get("kind").asText() + ":" + e.get("subject").asText()));
    assertEquals(Set.of("CARD:CARD-LOST", "TICKET:" + t1, "TICKET:" + t2), subjects);

    ObjectNode reissue = CenterClient.object().put("pin", "4321").put("newCardId", "CARD-NEW");
    CenterClient.Answer reissued =
        client.post("/v1/users/hanako01/cards/CARD-LOST/reissue", reissue, "ATM-0001");
    assertEquals(200, reissued.status(), reissued.text());
    JsonNode tickets = reissued.body().get("tickets");
    assertEquals(2, tickets.size());
    PublicKey issuerKey = key("/v1/issuers/tokyo-dome-promo/key");
    for (JsonNode t : tickets) {
      var doc = CenterClient.envelope(t.get("signedTicket"));
      assertTrue(Ed25519.verify(doc, issuerKey), "reissued tickets are signed by their issuer");
      JsonNode p = CenterClient.JSON.readTree(doc.payload());
      assertEquals("CARD-NEW", p.get("cardId").asText());
      assertEquals(t.get("replaces").asText(), p.get("reissueOf").asText());
      assertEquals(t.get("ticketNumber").asText(), p.get("ticketNumber").asText());
      assertNotEquals(t.get("replaces").asText(), t.get("ticketNumber").asText());
      assertEquals(
          200, verify(t.get("ticketNumber").asText(), "CARD-NEW", "E-9", "GATE-1").status());
    }
    CenterClient.Answer again =
        client.post("/v1/users/hanako01/cards/CARD-LOST/reissue", reissue, "ATM-0001");
    assertEquals(tickets, again.body().get("tickets"), "reissue is idempotent");
    CenterClient.Answer elsewhere =
        client.post(
            "/v1/users/hanako01/cards/CARD-LOST/reissue",
            CenterClient.object().put("pin", "4321").put("newCardId", "CARD-THIRD"),
            "ATM-0001");
    assertEquals(409, elsewhere.status());
    assertEquals("REISSUED_TO_OTHER_CARD", elsewhere.error());

    JsonNode purchases =
        client
            .post(
                "/v1/users/hanako01/purchases",
                CenterClient.object().put("pin", "4321"),
                "ATM-0001")
            .body()
            .get("purchases");
    assertEquals(4, purchases.size(), "originals and reissues, recalled by user id and PIN");
    assertEquals(2, purchases.findValuesAsText("state").stream().filter("REVOKED"::equals).count());
  }

  @Test
  void lostCardNoticeReachesTheIssuer() throws Exception {
    List<String> keys = new ArrayList<>();
    var receiver =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/in",
        ex -> {
          synchronized (keys) {
            keys.add(
                ex.getRequestHeaders().getFirst("X-Kippu-Message-Type")
                    + " "
                    + ex.getRequestHeaders().getFirst("Idempotency-Key"));
          }
          ex.getRequestBody().readAllBytes();
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    receiver.start();
    try {
      enrol(
          "tokyo-dome-promo",
          "PROMOTER",
          0,
          "http://127.0.0.1:" + receiver.getAddress().getPort() + "/in");
      registerUser("taro0001", "9876", "CARD-T");
      buy("P-1", "CARD-T", "A-5-5", 8_800, "RRN-5");
      client.post(
          "/v1/users/taro0001/cards/CARD-T/lost",
          CenterClient.object().put("pin", "9876"),
          "ATM-0001");
      assertEquals(2, server.deliverOutbox().delivered());
      assertTrue(keys.contains("CARD_LOST card-lost-CARD-T-tokyo-dome-promo"), keys.toString());
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void prepaidCardIsRefusedUntilActivatedAndRechargesOncePerPayment() throws Exception {
    String secret = newIssuer("suica-like", "PREPAID_ISSUER");
    ObjectNode product =
        CenterClient.object()
            .put("cardType", "PREPAID")
            .put("name", "Prepaid 1000")
            .put("priceYen", 1_000)
            .put("valueYen", 1_000);
    assertEquals(
        201,
        client
            .asIssuer(
                "suica-like", secret, "PUT", "/v1/issuers/suica-like/products/pp-1000", product)
            .status());
    ObjectNode ids = CenterClient.object().put("productId", "pp-1000");
    ids.putArray("cardIds").add("PP-0001").add("PP-0002");
    CenterClient.Answer registered =
        client.asIssuer("suica-like", secret, "POST", "/v1/issuers/suica-like/prepaid-cards", ids);
    assertEquals(2, registered.body().get("registered").asInt(), registered.text());

    ObjectNode pay = CenterClient.object();
    pay.set("payment", CenterClient.payment(500, "RRN-R0"));
    CenterClient.Answer inactive =
        client.post("/v1/prepaid-cards/PP-0001/recharge", pay, "ATM-0001");
    assertEquals(409, inactive.status());
    assertEquals("CARD_NOT_ACTIVE", inactive.error());
    assertEquals(
        "INACTIVE",
        client
            .getAsTerminal("/v1/prepaid-cards/PP-0001", "ATM-0001")
            .body()
            .get("status")
            .asText());
    ObjectNode activation = CenterClient.object();
    activation.set("payment", CenterClient.payment(1_000, "RRN-A1"));
    assertEquals(
        404, client.post("/v1/prepaid-cards/PP-9999/activate", activation, "ATM-0001").status());
    ObjectNode cheap = CenterClient.object();
    cheap.set("payment", CenterClient.payment(999, "RRN-A0"));
    assertEquals(
        422, client.post("/v1/prepaid-cards/PP-0001/activate", cheap, "ATM-0001").status());
    CenterClient.Answer active =
        client.post("/v1/prepaid-cards/PP-0001/activate", activation, "ATM-0001");
    assertEquals(200, active.status(), active.text());
    assertEquals(1_000, active.body().get("valueYen").asLong());
    assertEquals(
        409,
        client.post("/v1/prepaid-cards/PP-0002/activate", activation, "ATM-0001").status(),
        "one payment activates one card");

    List<Callable<CenterClient.Answer>> retries = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      retries.add(() -> client.post("/v1/prepaid-cards/PP-0001/recharge", pay, "ATM-0001"));
    }
    for (CenterClient.Answer a : race(retries)) {
      assertEquals(200, a.status(), a.text());
      assertEquals(
          1_500, a.body().get("valueYen").asLong(), "the same payment adds its value once");
    }
    assertEquals(
        1_500,
        client
            .getAsTerminal("/v1/prepaid-cards/PP-0001", "ATM-0001")
            .body()
            .get("valueYen")
            .asLong());
    ObjectNode more = CenterClient.object();
    more.set("payment", CenterClient.payment(2_000, "RRN-R1"));
    assertEquals(
        3_500,
        client
            .post("/v1/prepaid-cards/PP-0001/recharge", more, "ATM-0001")
            .body()
            .get("valueYen")
            .asLong());
  }
}
