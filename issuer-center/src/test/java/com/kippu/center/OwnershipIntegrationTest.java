package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.testdb.TestStore;
import org.junit.jupiter.api.Test;

/**
 * A terminal reads and cancels only its own reservations or those whose card it presents; only a
 * gate admits, and only to the events of its venue; a gate sells nothing.
 */
class OwnershipIntegrationTest extends CenterTestBase {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  private String hold(String terminal, String request, String card, String seat) {
    ObjectNode body =
        CenterClient.object()
            .put("requestNumber", request)
            .put("eventId", "evt-2026-12-24-dome")
            .put("cardId", card);
    body.putArray("seatIds").add(seat);
    CenterClient.Answer a = client.post("/v1/reservations", body, terminal);
    assertEquals(201, a.status(), a.text());
    return a.body().get("reservationNumber").asText();
  }

  @Test
  void anotherTerminalNeitherReadsNorCancelsAHoldWithoutItsCard() {
    String number = hold("ATM-0001", "REQ-1", "CARD-0001", "A-1-1");
    String path = "/v1/reservations/" + number;

    assertEquals(200, client.getAsTerminal(path, "ATM-0001").status(), "its own");
    CenterClient.Answer read = client.getAsTerminal(path, "ATM-0002");
    assertEquals(404, read.status(), read.text());
    CenterClient.Answer cancel =
        client.post(path + "/cancel", CenterClient.object().put("reason", "x"), "ATM-0002");
    assertEquals(404, cancel.status(), cancel.text());
    assertEquals(
        "HELD", client.getAsTerminal(path, "ATM-0001").body().get("status").asText(), "untouched");

    CenterClient.Answer withCard = client.getAsTerminal(path + "?cardId=CARD-0001", "ATM-0002");
    assertEquals(200, withCard.status(), "the card is in its reader: " + withCard.text());
    assertEquals(
        404, client.getAsTerminal(path + "?cardId=CARD-0002", "ATM-0002").status(), "wrong card");
    CenterClient.Answer cancelWithCard =
        client.post(path + "/cancel", CenterClient.object().put("cardId", "CARD-0001"), "ATM-0002");
    assertEquals(200, cancelWithCard.status(), cancelWithCard.text());
  }

  @Test
  void anotherTerminalCannotIssueAHoldWithoutItsCard() {
    String number = hold("ATM-0001", "REQ-2", "CARD-0001", "A-1-2");
    ObjectNode issue =
        CenterClient.object()
            .put("cardId", "CARD-0002")
            .set("payment", CenterClient.payment(8_800, "RRN-X"));
    CenterClient.Answer a = client.post("/v1/reservations/" + number + "/issue", issue, "ATM-0002");
    assertEquals(422, a.status(), a.text());
    assertEquals("CARD_MISMATCH", a.error());
  }

  @Test
  void onlyAGateOfTheEventsVenueAdmits() {
    String ticket = buy("P-1", "CARD-0001", "S-1-1", 12_000, "RRN-1").get("ticketNumber").asText();
    String path = "/v1/tickets/" + ticket + "/verify";
    ObjectNode entry = CenterClient.object().put("cardId", "CARD-0001").put("entryId", "E-1");

    CenterClient.Answer atm = client.post(path, entry, "ATM-0001");
    assertEquals(403, atm.status(), atm.text());
    assertEquals("NOT_A_GATE", atm.error());

    registerGate("GATE-BUDOKAN", "Nippon Budokan");
    CenterClient.Answer elsewhere = client.post(path, entry, "GATE-BUDOKAN");
    assertEquals(403, elsewhere.status(), elsewhere.text());
    assertEquals("WRONG_VENUE", elsewhere.body().get("verdict").asText());

    CenterClient.Answer check =
        client.post(path, CenterClient.object().put("cardId", "CARD-0001"), "ATM-0001");
    assertEquals("VALID", check.body().get("verdict").asText(), "an ATM may check; still unused");

    registerGate("GATE-DOME", "Tokyo Dome");
    CenterClient.Answer admitted = client.post(path, entry, "GATE-DOME");
    assertEquals(200, admitted.status(), admitted.text());
    assertEquals("GATE-DOME", admitted.body().get("gateId").asText());
  }

  @Test
  void aGateSellsNothing() {
    registerGate("GATE-DOME", "Tokyo Dome");
    ObjectNode body =
        CenterClient.object()
            .put("requestNumber", "REQ-G")
            .put("eventId", "evt-2026-12-24-dome")
            .put("cardId", "CARD-0001");
    body.putArray("seatIds").add("A-2-1");
    CenterClient.Answer a = client.post("/v1/reservations", body, "GATE-DOME");
    assertEquals(403, a.status(), a.text());
    assertEquals("WRONG_TERMINAL_KIND", a.error());
  }
}
