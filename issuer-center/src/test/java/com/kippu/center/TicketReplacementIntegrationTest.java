package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.signing.Ed25519;
import com.kippu.center.testdb.TestStore;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * A printed ticket the terminal could not confirm (paper out, a crash while printing) is voided and
 * reissued under a new number, signed by its issuer and naming the ticket it replaces; only a
 * ticket issued to the card in hand, unused, on a card not reported lost.
 */
class TicketReplacementIntegrationTest extends CenterTestBase {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  private CenterClient.Answer replace(String ticket, String card) {
    return client.post(
        "/v1/tickets/" + ticket + "/replace",
        CenterClient.object().put("cardId", card).put("reason", "paper out"),
        "ATM-0001");
  }

  private CenterClient.Answer enter(String ticket, String card) {
    return client.post(
        "/v1/tickets/" + ticket + "/verify",
        CenterClient.object().put("cardId", card).put("entryId", "E-" + ticket),
        "GATE-1");
  }

  @Test
  void aTicketIsReissuedUnderANewNumberThatAloneAdmits() throws Exception {
    registerGate("GATE-1", "Tokyo Dome");
    String old = buy("P-1", "CARD-0001", "A-1-1", 8_800, "RRN-1").get("ticketNumber").asText();

    CenterClient.Answer replaced = replace(old, "CARD-0001");
    assertEquals(200, replaced.status(), replaced.text());
    String fresh = replaced.body().get("ticketNumber").asText();
    assertNotEquals(old, fresh);
    assertEquals(old, replaced.body().get("replaces").asText());
    var signed = CenterClient.envelope(replaced.body().get("signedTicket"));
    assertTrue(
        Ed25519.verify(
            signed,
            Ed25519.publicKey(
                Base64.getDecoder()
                    .decode(
                        client
                            .get("/v1/issuers/tokyo-dome-promo/key")
                            .body()
                            .get("publicKey")
                            .asText()))),
        "signed by the event's issuer");
    JsonNode payload = CenterClient.JSON.readTree(signed.payload());
    assertEquals(fresh, payload.get("ticketNumber").asText());

    assertEquals(410, enter(old, "CARD-0001").status(), "the replaced ticket is void");
    assertEquals(200, enter(fresh, "CARD-0001").status());
  }

  @Test
  void onlyAnUnusedTicketOfTheCardInHandOnACardNotLostIsReplaced() {
    registerGate("GATE-1", "Tokyo Dome");
    String used = buy("P-1", "CARD-0001", "A-1-1", 8_800, "RRN-1").get("ticketNumber").asText();
    assertEquals(200, enter(used, "CARD-0001").status());
    CenterClient.Answer afterEntry = replace(used, "CARD-0001");
    assertEquals(409, afterEntry.status(), afterEntry.text());
    assertEquals("TICKET_USED", afterEntry.error());

    String other = buy("P-2", "CARD-0001", "A-1-2", 8_800, "RRN-2").get("ticketNumber").asText();
    CenterClient.Answer otherCard = replace(other, "CARD-0002");
    assertEquals(404, otherCard.status(), "not a ticket of the card in hand: " + otherCard.text());
    assertEquals("TICKET_NOT_FOUND", otherCard.error());
    assertEquals(404, replace("T-NO-SUCH-TICKET", "CARD-0001").status());

    ObjectNode user =
        CenterClient.object()
            .put("userId", "hanako01")
            .put("name", "Hanako Sato")
            .put("phone", "03-1234-5678")
            .put("address", "Chiyoda, Tokyo")
            .put("pin", "4321");
    assertEquals(201, client.post("/v1/users", user, "ATM-0001").status());
    ObjectNode link =
        CenterClient.object()
            .put("pin", "4321")
            .put("cardId", "CARD-0001")
            .set("cardProof", cardProof("CARD-0001", "ATM-0001"));
    assertEquals(200, client.post("/v1/users/hanako01/cards", link, "ATM-0001").status());
    assertEquals(
        200,
        client
            .post(
                "/v1/users/hanako01/cards/CARD-0001/lost",
                CenterClient.object().put("pin", "4321"),
                "ATM-0001")
            .status());
    CenterClient.Answer lost = replace(other, "CARD-0001");
    assertEquals(410, lost.status(), lost.text());
    assertEquals("CARD_LOST", lost.error());
  }
}
