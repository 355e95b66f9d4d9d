package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.signing.Ed25519;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a kiosk sells without a seat (F7, S2 ¶26-29): a commuter pass quoted at the fare of the
 * holder's class from the railway's published fares and sold once per request and per payment, its
 * holder's details going to the railway with the sales record; never onto a lost card or a
 * pre-valued card never activated. One subclass per engine.
 */
abstract class ProductSalesIntegrationTest extends CenterTestBase {
  private static final String RAILWAY = "keihin-rail";
  private String railwaySecret;

  private void railway(String endpoint) {
    CenterClient.Answer a = enrol(RAILWAY, "RAILWAY", 250, endpoint);
    assertEquals(201, a.status(), a.text());
    railwaySecret = a.body().get("apiSecret").asText();
    ObjectNode pass =
        CenterClient.object()
            .put("cardType", "COMMUTER_PASS")
            .put("name", "品川-横浜 1か月")
            .put("priceYen", 13_790);
    pass.putObject("section")
        .put("line", "京浜本線")
        .put("fromStation", "品川")
        .put("toStation", "横浜")
        .put("periodDays", 30);
    assertEquals(
        201,
        client
            .asIssuer(
                RAILWAY,
                railwaySecret,
                "PUT",
                "/v1/issuers/" + RAILWAY + "/products/shinagawa-yokohama-1m",
                pass)
            .status());
  }

  private static ObjectNode quote(String fareClass, String validFrom) {
    ObjectNode q =
        CenterClient.object().put("productId", "shinagawa-yokohama-1m").put("fareClass", fareClass);
    if (validFrom != null) {
      q.put("validFrom", validFrom);
    }
    return q;
  }

  private static ObjectNode sale(String request, String card, long yen, String reference) {
    ObjectNode s =
        CenterClient.object()
            .put("requestNumber", request)
            .put("productId", "shinagawa-yokohama-1m")
            .put("fareClass", "CHILD")
            .put("validFrom", "2026-12-02")
            .put("cardId", card);
    s.putObject("holder")
        .put("name", "佐藤 花子")
        .put("phone", "045-123-4567")
        .put("address", "神奈川県横浜市西区1-2-3");
    s.set("payment", CenterClient.payment(yen, reference));
    return s;
  }

  /** Hanako registers under {@code userId}, PIN 4321, with the holder details of {@link #sale}. */
  private void registerHanako(String userId) {
    ObjectNode user =
        CenterClient.object()
            .put("userId", userId)
            .put("name", "佐藤 花子")
            .put("phone", "045-123-4567")
            .put("address", "神奈川県横浜市西区1-2-3")
            .put("pin", "4321");
    assertEquals(201, client.post("/v1/users", user, "ATM-0001").status());
  }

  private PublicKey railwayKey() throws Exception {
    return Ed25519.publicKey(
        Base64.getDecoder()
            .decode(
                client.get("/v1/issuers/" + RAILWAY + "/key").body().get("publicKey").asText()));
  }

  @Test
  void aPassIsQuotedAtItsClassFareSoldOnceAndItsHolderGoesToTheRailway() throws Exception {
    try (SalesReceiver receiver = SalesReceiver.start()) {
      railway(receiver.endpoint());

      CenterClient.Answer quoted =
          client.post("/v1/product-quotes", quote("CHILD", "2026-12-02"), "ATM-0001");
      assertEquals(201, quoted.status(), quoted.text());
      var signedQuote = CenterClient.envelope(quoted.body().get("signedQuote"));
      assertTrue(Ed25519.verify(signedQuote, railwayKey()), "signed by the railway");
      JsonNode q = CenterClient.JSON.readTree(signedQuote.payload());
      assertEquals(6_890, q.get("amountYen").asLong(), "half of 13,790, fractions of 10 dropped");
      assertEquals("0009-001-1234567", q.get("issuerAccount").asText());
      assertEquals("2026-12-31", q.get("validUntil").asText(), "30 days counting the first");
      assertEquals(
          422,
          client.post("/v1/product-quotes", quote("ADULT", "2026-12-16"), "ATM-0001").status(),
          "at most 14 days ahead");
      assertEquals(
          422,
          client.post("/v1/product-quotes", quote("ADULT", "2026-11-30"), "ATM-0001").status(),
          "not in the past");
      assertEquals(
          422, client.post("/v1/product-quotes", quote("ADULT", null), "ATM-0001").status());

      assertEquals(
          422,
          client
              .post("/v1/commuter-passes", sale("K-1", "CARD-0001", 13_790, "RRN-1"), "ATM-0001")
              .status(),
          "an adult's amount for a child's pass");
      CenterClient.Answer sold =
          client.post("/v1/commuter-passes", sale("K-1", "CARD-0001", 6_890, "RRN-1"), "ATM-0001");
      assertEquals(201, sold.status(), sold.text());
      var signedPass = CenterClient.envelope(sold.body().get("signedPass"));
      assertTrue(Ed25519.verify(signedPass, railwayKey()));
      JsonNode pass = CenterClient.JSON.readTree(signedPass.payload());
      assertEquals("kippu/commuter-pass/v1", pass.get("type").asText());
      assertEquals("佐藤 花子", pass.get("holderName").asText());
      assertEquals("CARD-0001", pass.get("cardId").asText());
      assertEquals("品川", pass.get("fromStation").asText());
      assertTrue(!pass.has("holderPhone") && !pass.toString().contains("045-123-4567"));

      CenterClient.Answer again =
          client.post("/v1/commuter-passes", sale("K-1", "CARD-0001", 6_890, "RRN-1"), "ATM-0001");
      assertEquals(200, again.status(), "a repeat is the same sale");
      assertEquals(sold.body().get("passNumber"), again.body().get("passNumber"));
      CenterClient.Answer byRequest =
          client.getAsTerminal("/v1/commuter-passes/requests/K-1", "ATM-0001");
      assertEquals(200, byRequest.status(), byRequest.text());
      assertEquals(sold.body().get("passNumber"), byRequest.body().get("passNumber"));
      assertEquals(
          404, client.getAsTerminal("/v1/commuter-passes/requests/K-9", "ATM-0001").status());
      CenterClient.Answer reused =
          client.post("/v1/commuter-passes", sale("K-2", "CARD-0002", 6_890, "RRN-1"), "ATM-0001");
      assertEquals(409, reused.status());
      assertEquals("PAYMENT_ALREADY_USED", reused.error());

      var report = server.deliverOutbox();
      assertEquals(1, report.enqueued());
      assertEquals(1, report.delivered());
      JsonNode record = receiver.received().get(0);
      assertEquals("COMMUTER_PASS", record.get("saleKind").asText());
      assertEquals("佐藤 花子", record.get("holder").get("name").asText());
      assertEquals("045-123-4567", record.get("holder").get("phone").asText());
      assertEquals("神奈川県横浜市西区1-2-3", record.get("holder").get("address").asText());
      assertEquals("2026-12-02", record.get("validFrom").asText());
      assertEquals(6_890, record.get("amountYen").asLong());
      assertEquals("品川", record.get("section").get("fromStation").asText());
      String settlement = client.admin("GET", "/v1/settlements/2026-12/" + RAILWAY, null).text();
      assertTrue(settlement.contains("6890"), settlement);
    }
  }

  /**
   * S2 ¶35, ¶37, ¶39: a pass in a registered user's name (the one that carries the face photo) is
   * sold only with the user's PIN, to a registration an operator identity-checked, in the
   * registered name; the signed pass says whose it is. A pass for a typed-in holder needs none.
   */
  @Test
  void aPassInARegisteredNameNeedsThePinTheOperatorsIdentityCheckAndTheRegisteredName()
      throws Exception {
    try (SalesReceiver receiver = SalesReceiver.start()) {
      railway(receiver.endpoint());
      registerHanako("hanako02");
      ObjectNode registered =
          sale("K-R", "CARD-R", 6_890, "RRN-R")
              .put("registeredUser", "hanako02")
              .put("pin", "4321");

      CenterClient.Answer unchecked = client.post("/v1/commuter-passes", registered, "ATM-0001");
      assertEquals(403, unchecked.status(), unchecked.text());
      assertEquals("IDENTITY_NOT_CHECKED", unchecked.body().get("error").asText());
      CenterClient.Answer wrongPin =
          client.post("/v1/commuter-passes", registered.deepCopy().put("pin", "0000"), "ATM-0001");
      assertEquals(401, wrongPin.status(), "the user's PIN first: " + wrongPin.text());

      CenterClient.Answer checked =
          client.admin(
              "POST",
              "/v1/admin/users/hanako02/identity-check",
              CenterClient.object().put("document", "DRIVERS_LICENSE"));
      assertEquals(200, checked.status(), checked.text());
      ObjectNode otherName = registered.deepCopy();
      ((ObjectNode) otherName.get("holder")).put("name", "山田 太郎");
      CenterClient.Answer typed = client.post("/v1/commuter-passes", otherName, "ATM-0001");
      assertEquals(422, typed.status(), typed.text());
      assertEquals("NOT_THE_REGISTERED_NAME", typed.body().get("error").asText());

      CenterClient.Answer sold = client.post("/v1/commuter-passes", registered, "ATM-0001");
      assertEquals(201, sold.status(), sold.text());
      JsonNode pass =
          CenterClient.JSON.readTree(
              CenterClient.envelope(sold.body().get("signedPass")).payload());
      assertEquals("hanako02", pass.get("registeredUser").asText());
      CenterClient.Answer anonymous =
          client.post("/v1/commuter-passes", sale("K-A", "CARD-A", 6_890, "RRN-A"), "ATM-0001");
      assertEquals(201, anonymous.status(), anonymous.text());
      assertTrue(
          CenterClient.JSON
              .readTree(CenterClient.envelope(anonymous.body().get("signedPass")).payload())
              .path("registeredUser")
              .isMissingNode());
    }
  }

  /**
   * F9 (S2 ¶38-40): the commuter pass of a lost card is reissued once onto the new card, signed by
   * the railway for it, told to the railway as a reissue of the pass sold (no amount, no second
   * sale, nothing more to settle), and recall lists both passes with their state.
   */
  @Test
  void aProductPushedAgainIsUpdatedAndQuotedAtItsNewFare() throws Exception {
    railway(null);
    ObjectNode dearer =
        CenterClient.object()
            .put("cardType", "COMMUTER_PASS")
            .put("name", "品川-横浜 1か月")
            .put("priceYen", 14_000);
    dearer
        .putObject("section")
        .put("line", "京浜本線")
        .put("fromStation", "品川")
        .put("toStation", "横浜")
        .put("periodDays", 30);
    CenterClient.Answer updated =
        client.asIssuer(
            RAILWAY,
            railwaySecret,
            "PUT",
            "/v1/issuers/" + RAILWAY + "/products/shinagawa-yokohama-1m",
            dearer);
    assertEquals(200, updated.status(), "pushed again: updated, not created: " + updated.text());
    CenterClient.Answer quoted =
        client.post("/v1/product-quotes", quote("ADULT", "2026-12-02"), "ATM-0001");
    assertEquals(201, quoted.status(), quoted.text());
    JsonNode q =
        CenterClient.JSON.readTree(
            CenterClient.envelope(quoted.body().get("signedQuote")).payload());
    assertEquals(14_000, q.get("amountYen").asLong());
  }

  @Test
  void aLostCardsPassIsReissuedOnceOntoTheNewCardAsAReissueNotASale() throws Exception {
    try (SalesReceiver receiver = SalesReceiver.start()) {
      railway(receiver.endpoint());
      registerHanako("hanako01");
      CenterClient.Answer linked =
          client.post(
              "/v1/users/hanako01/cards",
              CenterClient.object()
                  .put("pin", "4321")
                  .put("cardId", "CARD-P")
                  .set("cardProof", cardProof("CARD-P", "ATM-0001")),
              "ATM-0001");
      assertEquals(200, linked.status(), linked.text());
      CenterClient.Answer sold =
          client.post("/v1/commuter-passes", sale("K-1", "CARD-P", 6_890, "RRN-1"), "ATM-0001");
      assertEquals(201, sold.status(), sold.text());
      String pass =
          CenterClient.JSON
              .readTree(CenterClient.envelope(sold.body().get("signedPass")).payload())
              .get("passNumber")
              .asText();
      assertEquals(
          200,
          client
              .post(
                  "/v1/users/hanako01/cards/CARD-P/lost",
                  CenterClient.object().put("pin", "4321"),
                  "ATM-0001")
              .status());

      ObjectNode reissue = CenterClient.object().put("pin", "4321").put("newCardId", "CARD-Q");
      reissue.set("cardProof", cardProof("CARD-Q", "ATM-0001"));
      CenterClient.Answer reissued =
          client.post("/v1/users/hanako01/cards/CARD-P/reissue", reissue, "ATM-0001");
      assertEquals(200, reissued.status(), reissued.text());
      JsonNode passes = reissued.body().get("passes");
      assertEquals(1, passes.size(), reissued.text());
      assertEquals(pass, passes.get(0).get("replaces").asText());
      var doc = CenterClient.envelope(passes.get(0).get("signedPass"));
      assertTrue(Ed25519.verify(doc, railwayKey()), "the reissued pass is signed by the railway");
      JsonNode p = CenterClient.JSON.readTree(doc.payload());
      String fresh = p.get("passNumber").asText();
      assertEquals("CARD-Q", p.get("cardId").asText());
      assertEquals(pass, p.get("reissueOf").asText());
      assertEquals("佐藤 花子", p.get("holderName").asText());
      assertEquals("2026-12-31", p.get("validUntil").asText(), "the same period");

      ObjectNode again = CenterClient.object().put("newCardId", "CARD-Q");
      again.set("cardProof", cardProof("CARD-Q", "ATM-0001"));
      CenterClient.Answer repeated =
          client.post("/v1/users/hanako01/cards/CARD-P/reissue", again, "ATM-0001");
      assertEquals(200, repeated.status(), repeated.text());
      assertEquals(1, repeated.body().get("passes").size());
      assertEquals(
          fresh,
          CenterClient.JSON
              .readTree(
                  CenterClient.envelope(repeated.body().get("passes").get(0).get("signedPass"))
                      .payload())
              .get("passNumber")
              .asText(),
          "a repeat answers the same pass, none new");

      CenterClient.Answer recall =
          client.post(
              "/v1/users/hanako01/purchases", CenterClient.object().put("pin", "4321"), "ATM-0001");
      assertEquals(200, recall.status(), recall.text());
      List<String> states = new ArrayList<>();
      for (JsonNode r : recall.body().get("passes")) {
        states.add(r.get("passNumber").asText() + " " + r.get("state").asText());
      }
      assertTrue(states.contains(pass + " REISSUED"), states.toString());
      assertTrue(states.contains(fresh + " VALID"), states.toString());
      assertEquals(2, states.size(), states.toString());

      server.deliverOutbox();
      List<JsonNode> sales =
          receiver.received().stream().filter(r -> "SALE".equals(r.get("type").asText())).toList();
      assertEquals(2, sales.size(), sales.toString());
      JsonNode record =
          sales.stream()
              .filter(r -> "COMMUTER_PASS_REISSUE".equals(r.get("saleKind").asText()))
              .findFirst()
              .orElseThrow();
      assertEquals(fresh, record.get("passNumber").asText());
      assertEquals(pass, record.get("reissueOf").asText());
      assertEquals("CARD-P", record.get("lostCardId").asText());
      assertEquals(0, record.get("amountYen").asLong());
      assertEquals("045-123-4567", record.get("holder").get("phone").asText());
      String settlement = client.admin("GET", "/v1/settlements/2026-12/" + RAILWAY, null).text();
      assertTrue(settlement.contains("6890") && !settlement.contains("13780"), settlement);
    }
  }

  private static ObjectNode paidFromPurse(ObjectNode body, String card, long yen, String tx) {
    ((ObjectNode) body.get("payment")).put("method", "EMONEY").put("acquirer", "kippu-purse");
    ((ObjectNode) body.get("payment")).put("amountYen", yen).put("reference", tx);
    ((ObjectNode) body.get("payment"))
        .putObject("details")
        .put("purseId", card)
        .put("purseSequence", "1")
        .put("purseBalanceAfterYen", "0")
        .put("purseTransactionId", tx);
    return body;
  }

  /**
   * Recovery found no sale under a request and takes the payment back: the withdrawal makes a late
   * copy of the sale request (still in flight when the terminal died) buy nothing, and a sale made
   * first is never withdrawn.
   */
  @Test
  void aWithdrawnPaymentBuysNoPassAndASoldPassIsNeverWithdrawn() throws Exception {
    railway(null);
    ObjectNode late = sale("K-5", "CARD-0005", 6_890, "RRN-5");
    ObjectNode withdrawal = CenterClient.object().put("cardId", "CARD-0005");
    withdrawal.set("payment", late.get("payment"));

    CenterClient.Answer withdrawn =
        client.post("/v1/commuter-passes/requests/K-5/withdrawal", withdrawal, "ATM-0001");
    assertEquals(200, withdrawn.status(), withdrawn.text());
    assertTrue(withdrawn.body().get("withdrawn").asBoolean());
    assertEquals(
        200,
        client.post("/v1/commuter-passes/requests/K-5/withdrawal", withdrawal, "ATM-0001").status(),
        "asked again, the same answer");
    CenterClient.Answer lateSale = client.post("/v1/commuter-passes", late, "ATM-0001");
    assertEquals(409, lateSale.status(), lateSale.text());
    assertEquals("PAYMENT_ALREADY_USED", lateSale.error());
    assertEquals(
        404,
        client.getAsTerminal("/v1/commuter-passes/requests/K-5", "ATM-0001").status(),
        "nothing sold under the request");

    ObjectNode sold = sale("K-6", "CARD-0006", 6_890, "RRN-6");
    assertEquals(201, client.post("/v1/commuter-passes", sold, "ATM-0001").status());
    ObjectNode tooLate = CenterClient.object().put("cardId", "CARD-0006");
    tooLate.set("payment", sold.get("payment"));
    CenterClient.Answer refused =
        client.post("/v1/commuter-passes/requests/K-6/withdrawal", tooLate, "ATM-0001");
    assertEquals(409, refused.status(), refused.text());
    assertEquals("PASS_SOLD", refused.error());
    CenterClient.Answer otherUse =
        client.post("/v1/commuter-passes/requests/K-7/withdrawal", tooLate, "ATM-0001");
    assertEquals("PAYMENT_ALREADY_USED", otherUse.error(), otherUse.text());
  }

  /** The railway's own server is the authority on the cards it invalidated (S2 ¶38). */
  @Test
  void noPassIsSoldOntoACardTheRailwayInvalidated() throws Exception {
    HttpServer railwayServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    railwayServer.createContext(
        "/issuer/",
        ex -> {
          boolean voided = ex.getRequestURI().getPath().endsWith("/cards/CARD-VOIDED");
          byte[] body =
              ("{\"status\":\"" + (voided ? "INVALIDATED" : "VALID") + "\"}")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8);
          ex.getRequestBody().readAllBytes();
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    railwayServer.start();
    try {
      railway("http://127.0.0.1:" + railwayServer.getAddress().getPort() + "/issuer/sales");

      CenterClient.Answer refused =
          client.post(
              "/v1/commuter-passes", sale("K-1", "CARD-VOIDED", 6_890, "RRN-1"), "ATM-0001");

      assertEquals("CARD_LOST", refused.error(), refused.text());
      assertTrue(refused.text().contains(RAILWAY), refused.text());
      CenterClient.Answer sold =
          client.post("/v1/commuter-passes", sale("K-2", "CARD-FINE", 6_890, "RRN-2"), "ATM-0001");
      assertEquals(201, sold.status(), sold.text());
    } finally {
      railwayServer.stop(0);
    }
  }

  @Test
  void aPrepaidCardNeverActivatedBuysNothingAndNothingIsSoldOntoIt() {
    railway(null);
    String prepaid = newIssuer("kippu-prepaid", "PREPAID_ISSUER");
    ObjectNode product =
        CenterClient.object()
            .put("cardType", "PREPAID")
            .put("name", "Prepaid 3000")
            .put("priceYen", 3_000)
            .put("valueYen", 3_000);
    assertEquals(
        201,
        client
            .asIssuer(
                "kippu-prepaid",
                prepaid,
                "PUT",
                "/v1/issuers/kippu-prepaid/products/prepaid-3000",
                product)
            .status());
    ObjectNode ids = CenterClient.object().put("productId", "prepaid-3000");
    ids.putArray("cardIds").add("PV-00001");
    client.asIssuer(
        "kippu-prepaid", prepaid, "POST", "/v1/issuers/kippu-prepaid/prepaid-cards", ids);

    CenterClient.Answer refused =
        client.post("/v1/commuter-passes", sale("K-3", "PV-00001", 6_890, "RRN-3"), "ATM-0001");

    assertEquals(409, refused.status(), refused.text());
    assertEquals("CARD_NOT_ACTIVE", refused.error());
    CenterClient.Answer prepaidQuote =
        client.post(
            "/v1/product-quotes",
            CenterClient.object().put("productId", "prepaid-3000"),
            "ATM-0001");
    assertEquals(201, prepaidQuote.status(), prepaidQuote.text());

    CenterClient.Answer ticketOnto =
        client.post(
            "/v1/purchases",
            CenterClient.purchase("P-9", "PV-00001", "A-1-1", 8_800, "RRN-9"),
            "ATM-0001");
    assertEquals(409, ticketOnto.status(), ticketOnto.text());
    assertEquals("CARD_NOT_ACTIVE", ticketOnto.error());
    CenterClient.Answer paidByItsPurse =
        client.post(
            "/v1/purchases",
            paidFromPurse(
                CenterClient.purchase("P-10", "PV-00001", "A-1-1", 8_800, "TX-1"),
                "PV-00001",
                8_800,
                "TX-1"),
            "ATM-0001");
    assertEquals("CARD_NOT_ACTIVE", paidByItsPurse.error(), paidByItsPurse.text());
    ObjectNode selfActivation =
        paidFromPurse(
            CenterClient.object().set("payment", CenterClient.payment(3_000, "TX-2")),
            "PV-00001",
            3_000,
            "TX-2");
    CenterClient.Answer bootstrapped =
        client.post("/v1/prepaid-cards/PV-00001/activate", selfActivation, "ATM-0001");
    assertEquals(409, bootstrapped.status(), "its own unactivated value cannot activate it");
    assertEquals("CARD_NOT_ACTIVE", bootstrapped.error());
    JsonNode a11 = null;
    for (JsonNode seat : client.get("/v1/events/evt-2026-12-24-dome/seats").body().get("seats")) {
      if (seat.get("seatId").asText().equals("A-1-1")) {
        a11 = seat;
      }
    }
    assertEquals(
        "AVAILABLE",
        a11.get("status").asText(),
        "the seat held for the refused sale went back on sale");

    ObjectNode activation = CenterClient.object();
    activation.set("payment", CenterClient.payment(3_000, "RRN-A1"));
    assertEquals(
        200, client.post("/v1/prepaid-cards/PV-00001/activate", activation, "ATM-0001").status());
    CenterClient.Answer nowSold =
        client.post(
            "/v1/purchases",
            paidFromPurse(
                CenterClient.purchase("P-11", "PV-00001", "A-1-1", 8_800, "TX-3"),
                "PV-00001",
                8_800,
                "TX-3"),
            "ATM-0001");
    assertEquals(201, nowSold.status(), "activated, its value pays: " + nowSold.text());
    // The ledger of the card's value follows what its purse paid, and never goes below zero.
    assertEquals(
        0,
        client
            .getAsTerminal("/v1/prepaid-cards/PV-00001", "ATM-0001")
            .body()
            .path("valueYen")
            .asLong(-1),
        "3,000 loaded, 8,800 paid by the purse: nothing left on the issuer's ledger");
  }

  /**
   * E-money lives in the purse on the card; the center's value of a prepaid card is the ledger of
   * loads less what its purse paid, lowered once per purse record, not by a refused proof.
   */
  @Test
  void aPursePaymentLowersTheCardsLedgerOnce() {
    String prepaid = newIssuer("kippu-prepaid", "PREPAID_ISSUER");
    ObjectNode product =
        CenterClient.object()
            .put("cardType", "PREPAID")
            .put("name", "Prepaid 10000")
            .put("priceYen", 10_000)
            .put("valueYen", 10_000);
    client.asIssuer(
        "kippu-prepaid",
        prepaid,
        "PUT",
        "/v1/issuers/kippu-prepaid/products/prepaid-10000",
        product);
    ObjectNode ids = CenterClient.object().put("productId", "prepaid-10000");
    ids.putArray("cardIds").add("PV-00002");
    client.asIssuer(
        "kippu-prepaid", prepaid, "POST", "/v1/issuers/kippu-prepaid/prepaid-cards", ids);
    ObjectNode activation = CenterClient.object();
    activation.set("payment", CenterClient.payment(10_000, "RRN-A2"));
    assertEquals(
        200, client.post("/v1/prepaid-cards/PV-00002/activate", activation, "ATM-0001").status());
    ObjectNode purchase =
        paidFromPurse(
            CenterClient.purchase("P-21", "PV-00002", "A-1-2", 8_800, "TX-21"),
            "PV-00002",
            8_800,
            "TX-21");
    assertEquals(201, client.post("/v1/purchases", purchase, "ATM-0001").status());
    assertEquals(1_200, ledger("PV-00002"), "10,000 loaded less 8,800 paid");
    CenterClient.Answer again = client.post("/v1/purchases", purchase, "ATM-0001");
    assertTrue(again.status() / 100 == 2, "the same sale answered again: " + again.text());
    assertEquals(1_200, ledger("PV-00002"), "the same purse record lowers it once");
    CenterClient.Answer taken =
        client.post(
            "/v1/purchases",
            paidFromPurse(
                CenterClient.purchase("P-22", "PV-00002", "A-1-2", 8_800, "TX-22"),
                "PV-00002",
                8_800,
                "TX-22"),
            "ATM-0001");
    assertTrue(taken.status() / 100 != 2, "the seat is sold: " + taken.text());
    assertEquals(1_200, ledger("PV-00002"), "a refused proof's value goes back on the card");
  }

  private long ledger(String card) {
    return client
        .getAsTerminal("/v1/prepaid-cards/" + card, "ATM-0001")
        .body()
        .path("valueYen")
        .asLong(-1);
  }
}
