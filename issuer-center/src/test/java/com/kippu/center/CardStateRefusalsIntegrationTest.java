package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.testdb.TestStore;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * A card's state is answered before its value or contents change: a prepaid card never activated
 * takes no recharge quote (409); a card reported lost is activated, recharged, quoted a recharge or
 * sold an application onto by no one (410), however valid the payment.
 */
class CardStateRefusalsIntegrationTest extends CenterTestBase {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  private static ObjectNode paid(long yen, String reference) {
    ObjectNode body = CenterClient.object();
    body.set("payment", CenterClient.payment(yen, reference));
    return body;
  }

  private void assertRefused(int status, String code, CenterClient.Answer a, String what) {
    assertEquals(status, a.status(), what + ": " + a.text());
    assertEquals(code, a.error(), what);
  }

  /** hanako01 holds {@code cards} and reports them lost. */
  private void lose(String... cards) {
    ObjectNode user =
        CenterClient.object()
            .put("userId", "hanako01")
            .put("name", "Hanako Sato")
            .put("phone", "03-1234-5678")
            .put("address", "Chiyoda, Tokyo")
            .put("pin", "4321");
    assertEquals(201, client.post("/v1/users", user, "ATM-0001").status());
    for (String card : cards) {
      ObjectNode link =
          CenterClient.object()
              .put("pin", "4321")
              .put("cardId", card)
              .set("cardProof", cardProof(card, "ATM-0001"));
      assertEquals(200, client.post("/v1/users/hanako01/cards", link, "ATM-0001").status());
      CenterClient.Answer lost =
          client.post(
              "/v1/users/hanako01/cards/" + card + "/lost",
              CenterClient.object().put("pin", "4321"),
              "ATM-0001");
      assertEquals(200, lost.status(), lost.text());
    }
  }

  @Test
  void aPrepaidCardNeverActivatedTakesNoRechargeQuote() {
    String secret = activePrepaidCard();
    ObjectNode ids = CenterClient.object().put("productId", "pp-1000");
    ids.putArray("cardIds").add("PP-0002");
    assertEquals(
        200,
        client
            .asIssuer("suica-like", secret, "POST", "/v1/issuers/suica-like/prepaid-cards", ids)
            .status());
    assertRefused(
        409,
        "CARD_NOT_ACTIVE",
        client.post(
            "/v1/prepaid-cards/PP-0002/recharge-quote",
            CenterClient.object().put("amountYen", 1_000),
            "ATM-0001"),
        "a quote for a card never activated");
  }

  @Test
  void aCardReportedLostIsActivatedRechargedQuotedOrSoldOntoByNoOne() {
    String secret = activePrepaidCard();
    ObjectNode ids = CenterClient.object().put("productId", "pp-1000");
    ids.putArray("cardIds").add("PP-0002");
    client.asIssuer("suica-like", secret, "POST", "/v1/issuers/suica-like/prepaid-cards", ids);
    ObjectNode app =
        CenterClient.object()
            .put("version", 1)
            .put("aid", "F04B495050550001")
            .put("name", "Points")
            .put("priceYen", 500)
            .put("code", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
    assertEquals(
        201,
        client
            .asIssuer(
                "suica-like", secret, "PUT", "/v1/issuers/suica-like/applications/points", app)
            .status());
    lose("PP-0001", "PP-0002");

    assertRefused(
        410,
        "CARD_LOST",
        client.post(
            "/v1/prepaid-cards/PP-0001/recharge-quote",
            CenterClient.object().put("amountYen", 1_000),
            "ATM-0001"),
        "a recharge quote");
    assertRefused(
        410,
        "CARD_LOST",
        client.post("/v1/prepaid-cards/PP-0001/recharge", paid(1_000, "RRN-R1"), "ATM-0001"),
        "a recharge");
    assertRefused(
        410,
        "CARD_LOST",
        client.post("/v1/prepaid-cards/PP-0002/activate", paid(1_000, "RRN-A2"), "ATM-0001"),
        "an activation");
    ObjectNode sale =
        paid(500, "RRN-S1").put("requestNumber", "S-1").put("version", 1).put("cardId", "PP-0001");
    assertRefused(
        410,
        "CARD_LOST",
        client.post("/v1/applications/points/sales", sale, "ATM-0001"),
        "an application sale");
  }
}
