package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.testdb.TestStore;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A commuter pass and a card application are refused as a ticket is: nothing goes onto a prepaid
 * card never activated, and neither its purse nor the purse of a card its issuer invalidated pays,
 * whoever sells what is bought (409 CARD_NOT_ACTIVE, 410 CARD_LOST).
 */
class PayingCardsIntegrationTest extends CenterTestBase {
  private static final String RAILWAY = "keihin-rail";

  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  /** The railway, with a pass at 13,790 yen and an application at 500 yen. */
  private void railway() {
    String secret = newIssuer(RAILWAY, "RAILWAY");
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
    String products = "/v1/issuers/" + RAILWAY + "/products/shinagawa-yokohama-1m";
    assertEquals(201, client.asIssuer(RAILWAY, secret, "PUT", products, pass).status());
    ObjectNode app =
        CenterClient.object()
            .put("version", 1)
            .put("aid", "F04B495050550002")
            .put("name", "Rail points")
            .put("priceYen", 500)
            .put("code", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
    String apps = "/v1/issuers/" + RAILWAY + "/applications/rail-points";
    assertEquals(201, client.asIssuer(RAILWAY, secret, "PUT", apps, app).status());
  }

  private static ObjectNode pass(String request, String card, String reference) {
    ObjectNode s =
        CenterClient.object()
            .put("requestNumber", request)
            .put("productId", "shinagawa-yokohama-1m")
            .put("validFrom", "2026-12-02")
            .put("cardId", card);
    s.putObject("holder")
        .put("name", "佐藤 花子")
        .put("phone", "045-123-4567")
        .put("address", "神奈川県横浜市西区1-2-3");
    s.set("payment", CenterClient.payment(13_790, reference));
    return s;
  }

  private static ObjectNode application(String request, String card, String reference) {
    ObjectNode s =
        CenterClient.object().put("requestNumber", request).put("version", 1).put("cardId", card);
    s.set("payment", CenterClient.payment(500, reference));
    return s;
  }

  /** {@code body} paid by the purse of {@code card} instead. */
  private static ObjectNode byPurse(ObjectNode body, String card, String tx) {
    ObjectNode payment = (ObjectNode) body.get("payment");
    payment.put("method", "EMONEY").put("acquirer", "kippu-purse").put("reference", tx);
    payment
        .putObject("details")
        .put("purseId", card)
        .put("purseSequence", "1")
        .put("purseBalanceAfterYen", "0")
        .put("purseTransactionId", tx);
    return body;
  }

  private CenterClient.Answer sellPass(ObjectNode body) {
    return client.post("/v1/commuter-passes", body, "ATM-0001");
  }

  private CenterClient.Answer sellApplication(ObjectNode body) {
    return client.post("/v1/applications/rail-points/sales", body, "ATM-0001");
  }

  private static void assertRefused(int status, String code, CenterClient.Answer a, String what) {
    assertEquals(status, a.status(), what + ": " + a.text());
    assertEquals(code, a.error(), what);
  }

  @Test
  void aPrepaidCardNeverActivatedGetsNoApplicationAndItsPursePaysForNothing() {
    railway();
    String secret = activePrepaidCard();
    ObjectNode ids = CenterClient.object().put("productId", "pp-1000");
    ids.putArray("cardIds").add("PP-0002");
    client.asIssuer("suica-like", secret, "POST", "/v1/issuers/suica-like/prepaid-cards", ids);

    assertRefused(
        409,
        "CARD_NOT_ACTIVE",
        sellApplication(application("A-1", "PP-0002", "RRN-1")),
        "an application onto a card never activated");
    assertRefused(
        409,
        "CARD_NOT_ACTIVE",
        sellApplication(byPurse(application("A-2", "PP-0002", "RRN-2"), "PP-0002", "TX-2")),
        "an application paid by its purse");
    assertRefused(
        409,
        "CARD_NOT_ACTIVE",
        sellPass(byPurse(pass("K-1", "PP-0002", "RRN-3"), "PP-0002", "TX-3")),
        "a pass paid by its purse");
    assertEquals(
        201,
        sellApplication(application("A-3", "PP-0001", "RRN-4")).status(),
        "an activated card gets the application");
  }

  /**
   * The prepaid issuer invalidates the card on its own server; the railway, selling, knows nothing
   * of it, but the card's purse no longer pays: its value belongs to the reissued card.
   */
  @Test
  void aPurseItsIssuerInvalidatedPaysForNoPassNorApplication() throws Exception {
    AtomicBoolean invalidated = new AtomicBoolean();
    HttpServer issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    issuer.createContext(
        "/issuer/cards/",
        ex -> {
          // The issuer activates its card when asked, and has it ACTIVE until it voids it.
          boolean voided = invalidated.get() && ex.getRequestURI().getPath().contains("/PP-0001");
          byte[] body =
              ("{\"status\":\"" + (voided ? "INVALIDATED" : "ACTIVE") + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    issuer.start();
    try {
      railway();
      activePrepaidCard("http://127.0.0.1:" + issuer.getAddress().getPort() + "/issuer/sales");
      invalidated.set(true);

      CenterClient.Answer passRefused =
          sellPass(byPurse(pass("K-1", "PP-0001", "RRN-1"), "PP-0001", "TX-1"));
      assertRefused(410, "CARD_LOST", passRefused, "a pass paid by the purse");
      assertTrue(passRefused.text().contains("suica-like"), passRefused.text());
      assertRefused(
          410,
          "CARD_LOST",
          sellApplication(byPurse(application("A-1", "PP-0001", "RRN-2"), "PP-0001", "TX-2")),
          "an application paid by the purse");
      assertEquals(
          201,
          sellPass(pass("K-2", "PP-0001", "RRN-3")).status(),
          "paid another way, the railway's pass goes onto the card");
    } finally {
      issuer.stop(0);
    }
  }
}
