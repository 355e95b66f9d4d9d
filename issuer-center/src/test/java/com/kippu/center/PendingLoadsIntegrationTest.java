package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * F11: a recharge recorded here whose value did not reach the chip (the card was taken out before
 * the purse write) stays a pending load that any terminal writes when the card is next inserted,
 * and is reported loaded once; a lost card gets none, its value having moved with the reissue. One
 * subclass per engine.
 */
abstract class PendingLoadsIntegrationTest extends CenterTestBase {

  private CenterClient.Answer recharge(long yen, String reference, String purseTx) {
    ObjectNode pay = CenterClient.object();
    pay.set("payment", CenterClient.payment(yen, reference));
    if (purseTx != null) {
      pay.put("purseTransactionId", purseTx);
    }
    return client.post("/v1/prepaid-cards/PP-0001/recharge", pay, "ATM-0001");
  }

  private JsonNode pending(String terminal) {
    CenterClient.Answer a =
        client.getAsTerminal("/v1/prepaid-cards/PP-0001/pending-loads", terminal);
    assertEquals(200, a.status(), a.text());
    return a.body().get("loads");
  }

  @Test
  void aRechargeNotOnTheChipIsLoadedAtAnyTerminalOnce() {
    activePrepaidCard();
    assertEquals(200, recharge(3_000, "RRN-R1", "KP0123456789abcdef01234567").status());
    assertEquals(200, recharge(3_000, "RRN-R1", "KP0123456789abcdef01234567").status());
    assertEquals(200, recharge(500, "RRN-R2", null).status(), "a terminal that names no load");

    JsonNode loads = pending("ATM-0002");
    assertEquals(1, loads.size(), loads.toString());
    assertEquals("KP0123456789abcdef01234567", loads.get(0).get("purseTransactionId").asText());
    assertEquals(3_000, loads.get(0).get("amountYen").asLong());

    String loaded = "/v1/prepaid-cards/PP-0001/pending-loads/KP0123456789abcdef01234567/loaded";
    assertEquals(200, client.post(loaded, CenterClient.object(), "ATM-0002").status());
    assertEquals(200, client.post(loaded, CenterClient.object(), "ATM-0001").status(), "a repeat");
    assertEquals(0, pending("ATM-0001").size());
    CenterClient.Answer unknown =
        client.post(
            "/v1/prepaid-cards/PP-0001/pending-loads/KPnever/loaded",
            CenterClient.object(),
            "ATM-0002");
    assertEquals(404, unknown.status(), unknown.text());
    assertEquals(
        200, recharge(500, "RRN-R2", "KPnamed-on-a-repeat").status(), "recovery asks again");
    loads = pending("ATM-0001");
    assertEquals(1, loads.size(), "a recharge recorded without a load gets one on a repeat");
    assertEquals("KPnamed-on-a-repeat", loads.get(0).get("purseTransactionId").asText());
    assertEquals(
        4_500,
        client
            .getAsTerminal("/v1/prepaid-cards/PP-0001", "ATM-0001")
            .body()
            .get("valueYen")
            .asLong(),
        "the center's ledger holds the value whether or not it is on the chip yet");
  }

  @Test
  void aLostCardGetsNoPendingLoad() {
    activePrepaidCard();
    assertEquals(200, recharge(3_000, "RRN-R1", "KPpending").status());
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
    assertEquals(
        200,
        client
            .post(
                "/v1/users/jiro0001/cards/PP-0001/lost",
                CenterClient.object().put("pin", "2468"),
                "ATM-0001")
            .status());

    CenterClient.Answer refused =
        client.getAsTerminal("/v1/prepaid-cards/PP-0001/pending-loads", "ATM-0002");
    assertEquals(410, refused.status(), refused.text());
    assertEquals("CARD_LOST", refused.error());
  }
}
