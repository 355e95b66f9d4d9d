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
              CenterClient.object()
                  .put("pin", pin)
                  .put("cardId", card)
                  .set("cardProof", cardProof(card, "ATM-0001")),
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
    reissue.set("cardProof", cardProof("CARD-NEW", "ATM-0001"));
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
    reissue.set("cardProof", cardProof("CARD-NEW", "ATM-0001"));
    CenterClient.Answer again =
        client.post("/v1/users/hanako01/cards/CARD-LOST/reissue", reissue, "ATM-0001");
    assertEquals(tickets, again.body().get("tickets"), "reissue is idempotent");
    ObjectNode withoutPin = CenterClient.object().put("newCardId", "CARD-NEW");
    withoutPin.set("cardProof", cardProof("CARD-NEW", "ATM-0001"));
    CenterClient.Answer repeated =
        client.post("/v1/users/hanako01/cards/CARD-LOST/reissue", withoutPin, "ATM-0001");
    assertEquals(200, repeated.status(), repeated.text());
    assertEquals(
        tickets,
        repeated.body().get("tickets"),
        "a terminal restarted mid-reissue asks again with the new card alone");
    ObjectNode third = CenterClient.object().put("pin", "4321").put("newCardId", "CARD-THIRD");
    third.set("cardProof", cardProof("CARD-THIRD", "ATM-0001"));
    CenterClient.Answer elsewhere =
        client.post("/v1/users/hanako01/cards/CARD-LOST/reissue", third, "ATM-0001");
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
  void nothingIsSoldReservedOrIssuedOntoACardReportedLost() throws Exception {
    registerUser("hanako01", "4321", "CARD-L");
    JsonNode before = buy("P-1", "CARD-L", "S-2-1", 12_000, "RRN-1");
    ObjectNode payLater =
        CenterClient.object()
            .put("requestNumber", "R-LATER")
            .put("eventId", "evt-2026-12-24-dome")
            .put("cardId", "CARD-L")
            .put("payLater", true);
    payLater.putArray("seatIds").add("S-2-2");
    CenterClient.Answer reserved = client.post("/v1/reservations", payLater, "ATM-0001");
    assertEquals(201, reserved.status(), reserved.text());
    String reservation = reserved.body().get("reservationNumber").asText();
    assertEquals(
        200,
        client
            .post(
                "/v1/users/hanako01/cards/CARD-L/lost",
                CenterClient.object().put("pin", "4321"),
                "ATM-0001")
            .status());

    ObjectNode quote =
        CenterClient.object().put("eventId", "evt-2026-12-24-dome").put("cardId", "CARD-L");
    quote.putArray("seatIds").add("S-2-3");
    assertLost(client.post("/v1/quotes", quote, "ATM-0001"), "a quote");
    assertLost(
        client.post(
            "/v1/purchases",
            CenterClient.purchase("P-2", "CARD-L", "S-2-3", 12_000, "RRN-2"),
            "ATM-0001"),
        "a direct purchase");
    ObjectNode hold =
        CenterClient.object()
            .put("requestNumber", "R-HOLD")
            .put("eventId", "evt-2026-12-24-dome")
            .put("cardId", "CARD-L");
    hold.putArray("seatIds").add("S-2-3");
    assertLost(client.post("/v1/reservations", hold, "ATM-0001"), "a hold");
    ObjectNode best =
        CenterClient.object()
            .put("requestNumber", "R-BEST")
            .put("eventId", "evt-2026-12-24-dome")
            .put("cardId", "CARD-L")
            .put("quantity", 1);
    assertLost(client.post("/v1/reservations/best-available", best, "ATM-0001"), "best available");
    ObjectNode issue = CenterClient.object().put("cardId", "CARD-L");
    issue.set("payment", CenterClient.payment(12_000, "RRN-3"));
    assertLost(
        client.post("/v1/reservations/" + reservation + "/issue", issue, "ATM-0001"),
        "issuing a reservation made before the loss");

    CenterClient.Answer again =
        client.post(
            "/v1/purchases",
            CenterClient.purchase("P-1", "CARD-L", "S-2-1", 12_000, "RRN-1"),
            "ATM-0001");
    assertEquals(201, again.status(), "a sale done before the loss is answered as done");
    assertEquals(before.get("ticketNumber"), again.body().get("ticketNumber"));
    assertEquals(
        201,
        client
            .post(
                "/v1/purchases",
                CenterClient.purchase("P-9", "CARD-OTHER", "S-2-3", 12_000, "RRN-9"),
                "ATM-0001")
            .status(),
        "other cards still buy");
  }

  private static void assertLost(CenterClient.Answer a, String what) {
    assertEquals(410, a.status(), what + ": " + a.text());
    assertEquals("CARD_LOST", a.error(), what);
    assertEquals("cardId", a.body().get("field").asText(), what);
  }

  /**
   * Security: a card id read off a receipt is not enough to link the card, so nobody can link a
   * victim's card to his own user id, report it lost and take its tickets; only the card's own
   * answer to a fresh challenge from this center, for this card, at this terminal, once, is.
   */
  @Test
  void linkingACardWithoutHoldingItIsRefused() {
    registerUser("thief001", "1111");
    registerUser("victim01", "2222");
    String victimsCard = "CARD-VICTIM";
    String ticket = buy("P-1", victimsCard, "S-3-1", 12_000, "RRN-1").get("ticketNumber").asText();

    ObjectNode noProof = CenterClient.object().put("pin", "1111").put("cardId", victimsCard);
    CenterClient.Answer without = client.post("/v1/users/thief001/cards", noProof, "ATM-0001");
    assertEquals(400, without.status(), without.text());
    assertEquals("cardProof", without.body().get("field").asText());

    ObjectNode guessed = cardProof(victimsCard, "ATM-0001");
    guessed.put("response", java.util.Base64.getEncoder().encodeToString(new byte[32]));
    assertNotPresent(link("thief001", "1111", victimsCard, guessed), "a made-up answer");

    ObjectNode copied =
        proofUnder(
            "ff112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
            victimsCard,
            "ATM-0001");
    assertNotPresent(
        link("thief001", "1111", victimsCard, copied), "a copy of the card under another key");

    ObjectNode forHisOwn = cardProof("CARD-THIEF", "ATM-0001");
    assertNotPresent(
        link("thief001", "1111", victimsCard, forHisOwn), "his own card's answer for her card");

    ObjectNode elsewhere = cardProof(victimsCard, "ATM-0002");
    assertNotPresent(
        link("thief001", "1111", victimsCard, elsewhere), "an answer given at another terminal");

    ObjectNode stale = cardProof(victimsCard, "ATM-0001");
    clock.advance(Duration.ofMinutes(3));
    assertNotPresent(link("thief001", "1111", victimsCard, stale), "a lapsed challenge");

    ObjectNode real = cardProof(victimsCard, "ATM-0001");
    CenterClient.Answer linked = link("victim01", "2222", victimsCard, real);
    assertEquals(200, linked.status(), "the holder links it: " + linked.text());
    assertNotPresent(link("thief001", "1111", victimsCard, real), "her answer replayed");

    CenterClient.Answer lost =
        client.post(
            "/v1/users/thief001/cards/" + victimsCard + "/lost",
            CenterClient.object().put("pin", "1111"),
            "ATM-0001");
    assertEquals(403, lost.status(), lost.text());
    assertEquals("CARD_NOT_LINKED", lost.error());
    assertEquals(
        "VALID",
        verify(ticket, victimsCard, null, "GATE-1").body().get("verdict").asText(),
        "her ticket stands");
  }

  /** Security: a lost card's tickets go only onto a card the terminal holds. */
  @Test
  void reissueOntoACardNotInTheTerminalIsRefused() {
    registerUser("hanako01", "4321", "CARD-OLD");
    buy("P-1", "CARD-OLD", "S-4-1", 12_000, "RRN-1");
    client.post(
        "/v1/users/hanako01/cards/CARD-OLD/lost",
        CenterClient.object().put("pin", "4321"),
        "ATM-0001");
    ObjectNode onto = CenterClient.object().put("pin", "4321").put("newCardId", "CARD-SOMEONE");
    onto.set("cardProof", cardProof("CARD-MINE", "ATM-0001"));
    CenterClient.Answer refused =
        client.post("/v1/users/hanako01/cards/CARD-OLD/reissue", onto, "ATM-0001");
    assertNotPresent(refused, "another card's answer");
    ObjectNode noPin = CenterClient.object().put("newCardId", "CARD-MINE");
    noPin.set("cardProof", cardProof("CARD-MINE", "ATM-0001"));
    CenterClient.Answer first =
        client.post("/v1/users/hanako01/cards/CARD-OLD/reissue", noPin, "ATM-0001");
    assertEquals(401, first.status(), "the first reissue needs the PIN: " + first.text());
  }

  private CenterClient.Answer link(String user, String pin, String card, ObjectNode proof) {
    ObjectNode body = CenterClient.object().put("pin", pin).put("cardId", card);
    body.set("cardProof", proof);
    return client.post("/v1/users/" + user + "/cards", body, "ATM-0001");
  }

  /** A fresh challenge for {@code card} answered under the master key {@code masterHex}. */
  private ObjectNode proofUnder(String masterHex, String card, String terminal) {
    CenterClient.Answer c =
        client.post("/v1/cards/" + card + "/challenge", CenterClient.object(), terminal);
    byte[] challenge = java.util.Base64.getDecoder().decode(c.body().get("challenge").asText());
    return CenterClient.object()
        .put("challengeId", c.body().get("challengeId").asText())
        .put(
            "response",
            java.util.Base64.getEncoder().encodeToString(cardAnswer(masterHex, card, challenge)));
  }

  private static void assertNotPresent(CenterClient.Answer a, String what) {
    assertEquals(403, a.status(), what + ": " + a.text());
    assertEquals("CARD_NOT_PRESENT", a.error(), what);
  }

  /**
   * The issuer's local server is the authority on the cards it invalidated (S2 ¶38): a card it
   * reports INVALIDATED gets nothing of that issuer, though the center holds no loss for it.
   */
  @Test
  void aCardTheIssuerInvalidatedGetsNothingOfItsIssuerAndItsTicketsAreRefusedAtTheGate()
      throws Exception {
    java.util.Set<String> invalidated = java.util.concurrent.ConcurrentHashMap.newKeySet();
    invalidated.add("CARD-VOIDED");
    var issuer =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    issuer.createContext(
        "/issuer/cards/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          boolean voided = invalidated.contains(path.substring(path.lastIndexOf('/') + 1));
          byte[] body =
              ("{\"status\":\"" + (voided ? "INVALIDATED" : "VALID") + "\"}")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    issuer.start();
    try {
      enrol(
          "tokyo-dome-promo",
          "PROMOTER",
          0,
          "http://127.0.0.1:" + issuer.getAddress().getPort() + "/issuer/sales");
      CenterClient.Answer refused =
          client.post(
              "/v1/purchases",
              CenterClient.purchase("P-1", "CARD-VOIDED", "S-5-1", 12_000, "RRN-1"),
              "ATM-0001");
      assertEquals(410, refused.status(), refused.text());
      assertEquals("CARD_LOST", refused.error());
      assertTrue(refused.text().contains("tokyo-dome-promo"), refused.text());
      ObjectNode payLater =
          CenterClient.object()
              .put("requestNumber", "R-LATER")
              .put("eventId", "evt-2026-12-24-dome")
              .put("cardId", "CARD-LATER")
              .put("payLater", true);
      payLater.putArray("seatIds").add("S-5-3");
      CenterClient.Answer reserved = client.post("/v1/reservations", payLater, "ATM-0001");
      assertEquals(201, reserved.status(), reserved.text());
      // The issuer voids the card after the reservation: its ticket is not issued onto it.
      invalidated.add("CARD-LATER");
      ObjectNode issue = CenterClient.object().put("cardId", "CARD-LATER");
      issue.set("payment", CenterClient.payment(12_000, "RRN-3"));
      CenterClient.Answer notIssued =
          client.post(
              "/v1/reservations/" + reserved.body().get("reservationNumber").asText() + "/issue",
              issue,
              "ATM-0001");
      assertEquals(410, notIssued.status(), notIssued.text());
      assertEquals("CARD_LOST", notIssued.error());
      assertTrue(notIssued.text().contains("tokyo-dome-promo"), notIssued.text());
      String ticket =
          buy("P-2", "CARD-FINE", "S-5-2", 12_000, "RRN-2").get("ticketNumber").asText();
      assertEquals(
          "VALID", verify(ticket, "CARD-FINE", null, "GATE-1").body().get("verdict").asText());

      // S2 ¶38: the issuer voids the card on its own server; the center's gate check asks it.
      invalidated.add("CARD-FINE");
      CenterClient.Answer atGate = verify(ticket, "CARD-FINE", "E-1", "GATE-1");
      assertEquals(410, atGate.status(), atGate.text());
      assertEquals("REVOKED", atGate.body().get("verdict").asText());
      assertTrue(atGate.body().get("reason").asText().contains("invalidated"), atGate.text());
      assertEquals(
          "REVOKED",
          verify(ticket, "CARD-FINE", null, "GATE-1").body().get("verdict").asText(),
          "a check without entry says the same");
    } finally {
      issuer.stop(0);
    }
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
  void lostCardNoticeReachesThePrepaidIssuerWithTheValue() throws Exception {
    List<String> bodies = new ArrayList<>();
    var receiver =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/in",
        ex -> {
          String body =
              new String(
                  ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
          synchronized (bodies) {
            bodies.add(body);
          }
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    // The issuer's server activates its card when the center asks after the payment (F10).
    receiver.createContext(
        "/cards/",
        ex -> {
          byte[] active =
              "{\"status\":\"ACTIVE\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, active.length);
          ex.getResponseBody().write(active);
          ex.close();
        });
    receiver.start();
    try {
      CenterClient.Answer enrolled =
          enrol(
              "suica-like",
              "PREPAID_ISSUER",
              0,
              "http://127.0.0.1:" + receiver.getAddress().getPort() + "/in");
      String secret = enrolled.body().get("apiSecret").asText();
      ObjectNode product =
          CenterClient.object()
              .put("cardType", "PREPAID")
              .put("name", "Prepaid 1000")
              .put("priceYen", 1_000)
              .put("valueYen", 1_000);
      client.asIssuer(
          "suica-like", secret, "PUT", "/v1/issuers/suica-like/products/pp-1000", product);
      ObjectNode ids = CenterClient.object().put("productId", "pp-1000");
      ids.putArray("cardIds").add("PP-0001");
      client.asIssuer("suica-like", secret, "POST", "/v1/issuers/suica-like/prepaid-cards", ids);
      ObjectNode activation = CenterClient.object();
      activation.set("payment", CenterClient.payment(1_000, "RRN-A1"));
      assertEquals(
          200, client.post("/v1/prepaid-cards/PP-0001/activate", activation, "ATM-0001").status());
      registerUser("jiro0001", "2468", "PP-0001");
      server.deliverOutbox();
      bodies.clear();

      CenterClient.Answer lost =
          client.post(
              "/v1/users/jiro0001/cards/PP-0001/lost",
              CenterClient.object().put("pin", "2468"),
              "ATM-0001");
      assertEquals(200, lost.status(), lost.text());
      server.deliverOutbox();

      assertEquals(1, bodies.size(), bodies.toString());
      var notice = CenterClient.JSON.readTree(bodies.get(0));
      assertEquals("CARD_LOST", notice.get("type").asText());
      assertEquals("PP-0001", notice.get("cardId").asText());
      assertEquals(1_000, notice.get("prepaidValueYen").asLong(), "the value the issuer holds");

      // The lost card is worth nothing anywhere now: not as a purse, not recharged, not activated.
      CenterClient.Answer looked = client.getAsTerminal("/v1/prepaid-cards/PP-0001", "ATM-0001");
      assertEquals(410, looked.status(), looked.text());
      assertEquals("CARD_LOST", looked.error());
      ObjectNode recharge = CenterClient.object();
      recharge.set("payment", CenterClient.payment(1_000, "RRN-R1"));
      CenterClient.Answer recharged =
          client.post("/v1/prepaid-cards/PP-0001/recharge", recharge, "ATM-0001");
      assertEquals(410, recharged.status(), recharged.text());
      ObjectNode again = CenterClient.object();
      again.set("payment", CenterClient.payment(1_000, "RRN-A2"));
      assertEquals(
          410, client.post("/v1/prepaid-cards/PP-0001/activate", again, "ATM-0001").status());
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
