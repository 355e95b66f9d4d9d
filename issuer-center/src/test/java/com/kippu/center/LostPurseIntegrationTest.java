package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The purse on a card reported lost pays for nothing: its value at the center moved to the new card
 * at the reissue, so the old chip's value must not be spent again. The same holds for a card its
 * prepaid issuer invalidated (a loss reported to the issuer, not at a terminal). One subclass per
 * engine.
 */
abstract class LostPurseIntegrationTest extends CenterTestBase {

  /** A direct purchase of one seat onto PP-0001, paid by its own purse. */
  private static ObjectNode paidByPurse(String request, String seat, String tx) {
    ObjectNode b = CenterClient.purchase(request, "PP-0001", seat, 8_800, tx);
    ObjectNode payment = (ObjectNode) b.get("payment");
    payment.put("method", "EMONEY").put("acquirer", "kippu-purse");
    payment
        .putObject("details")
        .put("purseId", "PP-0001")
        .put("purseSequence", "3")
        .put("purseBalanceAfterYen", "1200")
        .put("purseTransactionId", tx);
    return b;
  }

  @Test
  void aPurseOnACardReportedLostPaysForNothing() {
    activePrepaidCard();
    ObjectNode user =
        CenterClient.object()
            .put("userId", "jiro0001")
            .put("name", "Jiro Sato")
            .put("phone", "03-1234-5678")
            .put("address", "Chiyoda, Tokyo")
            .put("pin", "2468");
    assertEquals(201, client.post("/v1/users", user, "ATM-0001").status());
    ObjectNode link =
        CenterClient.object()
            .put("pin", "2468")
            .put("cardId", "PP-0001")
            .set("cardProof", cardProof("PP-0001", "ATM-0001"));
    assertEquals(200, client.post("/v1/users/jiro0001/cards", link, "ATM-0001").status());
    CenterClient.Answer before =
        client.post("/v1/purchases", paidByPurse("P-1", "A-1-1", "TX-1"), "ATM-0001");
    assertEquals(201, before.status(), before.text());
    CenterClient.Answer lost =
        client.post(
            "/v1/users/jiro0001/cards/PP-0001/lost",
            CenterClient.object().put("pin", "2468"),
            "ATM-0001");
    assertEquals(200, lost.status(), lost.text());

    CenterClient.Answer refused =
        client.post("/v1/purchases", paidByPurse("P-2", "A-1-2", "TX-2"), "ATM-0001");
    assertEquals(410, refused.status(), refused.text());
    assertEquals("CARD_LOST", refused.error());
    CenterClient.Answer again =
        client.post("/v1/purchases", paidByPurse("P-1", "A-1-1", "TX-1"), "ATM-0001");
    assertEquals(201, again.status(), "a sale paid before the loss is still answered as done");
    assertEquals(
        201,
        client
            .post(
                "/v1/purchases",
                CenterClient.purchase("P-3", "CARD-OTHER", "A-1-2", 8_800, "RRN-3"),
                "ATM-0001")
            .status(),
        "the refused sale's seat went back on sale");
  }

  @Test
  void aPurseItsIssuerInvalidatedPaysForNothing() throws Exception {
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
      activePrepaidCard("http://127.0.0.1:" + issuer.getAddress().getPort() + "/issuer/sales");
      invalidated.set(true);

      CenterClient.Answer refused =
          client.post("/v1/purchases", paidByPurse("P-1", "A-1-1", "TX-1"), "ATM-0001");

      assertEquals(410, refused.status(), refused.text());
      assertEquals("CARD_LOST", refused.error());
      assertTrue(refused.text().contains("suica-like"), refused.text());
    } finally {
      issuer.stop(0);
    }
  }
}
