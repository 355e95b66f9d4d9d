package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator's void of a sold ticket (staff queue): done once, revoked at the gates, told to the
 * issuer and settled as a refund line; one subclass per engine.
 */
abstract class TicketVoidIntegrationTest extends CenterTestBase {

  private CenterClient.Answer voidTicket(String ticket, String reason) {
    return client.admin(
        "POST",
        "/v1/admin/tickets/" + ticket + "/void",
        CenterClient.object().put("reason", reason));
  }

  @Test
  void aVoidIsDoneOnceRevokesTheTicketTellsTheIssuerAndRefundsInSettlement() throws Exception {
    List<JsonNode> received = new ArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/sales",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          synchronized (received) {
            received.add(CenterClient.JSON.readTree(body));
          }
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    receiver.start();
    try {
      String endpoint = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/sales";
      assertEquals(200, enrol("tokyo-dome-promo", "PROMOTER", 300, endpoint).status());
      ObjectNode credit = CenterClient.purchase("P-1", "CARD-0001", "A-1-1", 8_800, "RRN-C1");
      ((ObjectNode) credit.get("payment")).put("method", "CREDIT_CARD").put("acquirer", "JCB");
      ((ObjectNode) credit.get("payment"))
          .putObject("details")
          .put("maskedCard", "498000******1235");
      CenterClient.Answer sold = client.post("/v1/purchases", credit, "ATM-0001");
      assertEquals(201, sold.status(), sold.text());
      String ticket = sold.body().get("ticketNumber").asText();
      String kept = buy("P-2", "CARD-0001", "A-1-2", 8_800, "RRN-T2").get("ticketNumber").asText();

      CenterClient.Answer voided = voidTicket(ticket, "payment taken back after the sale");
      assertEquals(200, voided.status(), voided.text());
      assertEquals("OPERATOR", voided.body().get("refundBy").asText(), "the card company paid us");
      assertEquals(8_800, voided.body().get("amountYen").asLong());
      assertEquals("RRN-C1", voided.body().get("paymentReference").asText());
      assertFalse(voided.body().get("alreadyVoided").asBoolean());
      assertEquals("KEPT", voided.body().get("seat").asText());

      CenterClient.Answer again = voidTicket(ticket, "asked twice");
      assertEquals(200, again.status(), again.text());
      assertTrue(again.body().get("alreadyVoided").asBoolean());
      assertEquals(voided.body().get("voidedAt"), again.body().get("voidedAt"));
      assertEquals(
          "payment taken back after the sale",
          again.body().get("reason").asText(),
          "the answer is the first void's");

      // Gates refuse it: online, and through the signed revocation list.
      registerGate("GATE-1", "Tokyo Dome");
      CenterClient.Answer atGate =
          client.post(
              "/v1/tickets/" + ticket + "/verify",
              CenterClient.object().put("cardId", "CARD-0001").put("entryId", "E-1"),
              "GATE-1");
      assertEquals(410, atGate.status(), atGate.text());
      assertEquals("REVOKED", atGate.body().get("verdict").asText());
      JsonNode list = CenterClient.payload(client.get("/v1/revocations").body().get("signedList"));
      List<String> subjects = new ArrayList<>();
      list.get("entries").forEach(e -> subjects.add(e.get("subject").asText()));
      assertEquals(List.of(ticket), subjects, "one entry, however often it is voided");

      // The seat stays sold: a printed copy may still be out there.
      JsonNode seats = client.get("/v1/events/evt-2026-12-24-dome/seats").body().get("seats");
      for (JsonNode s : seats) {
        if (s.get("seatId").asText().equals("A-1-1")) {
          assertEquals("SOLD", s.get("status").asText());
        }
      }

      // The issuer hears of the sales and of the void, once.
      server.deliverOutbox();
      server.deliverOutbox();
      List<JsonNode> voids =
          received.stream().filter(b -> b.get("type").asText().equals("TICKET_VOID")).toList();
      assertEquals(1, voids.size(), received.toString());
      assertEquals(ticket, voids.get(0).get("ticketNumber").asText());
      assertEquals("OPERATOR", voids.get(0).get("refundBy").asText());

      // Settlement: the credit sale and its refund cancel out; the transfer sale stands.
      String detail = client.admin("GET", "/v1/settlements/2026-12/tokyo-dome-promo", null).text();
      assertTrue(
          detail.contains(",TICKET_VOID," + ticket + ",CREDIT_CARD,JCB,RRN-C1,OPERATOR,-8800"),
          detail);
      String summary = client.admin("GET", "/v1/settlements/2026-12", null).text();
      String line =
          summary.lines().filter(l -> l.contains("tokyo-dome-promo")).findFirst().orElseThrow();
      // payments, sales, collected, received by issuer, fee bps, fee, net payable, payable, fee
      // receivable
      assertTrue(line.endsWith(",3,8800,0,8800,300,264,-264,0,264"), line);
      assertEquals(200, voidTicket(kept, "").status(), "another sale is voided on its own");
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void aTicketUsedAtTheGateOrUnknownIsNotVoidedAndOnlyTheOperatorMayAsk() {
    String ticket = buy("P-1", "CARD-0001", "S-1-1", 12_000, "RRN-1").get("ticketNumber").asText();
    registerGate("GATE-1", "Tokyo Dome");
    CenterClient.Answer entered =
        client.post(
            "/v1/tickets/" + ticket + "/verify",
            CenterClient.object().put("cardId", "CARD-0001").put("entryId", "E-1"),
            "GATE-1");
    assertEquals(200, entered.status(), entered.text());

    CenterClient.Answer used = voidTicket(ticket, "too late");
    assertEquals(409, used.status(), used.text());
    assertEquals("TICKET_USED", used.error());
    assertTrue(used.contentType().startsWith("application/problem+json"), used.contentType());

    CenterClient.Answer unknown = voidTicket("T000000000000", "no such");
    assertEquals(404, unknown.status());
    assertEquals("TICKET_NOT_FOUND", unknown.error());

    CenterClient.Answer wrongToken =
        client.adminWith(
            "not-the-token",
            "POST",
            "/v1/admin/tickets/" + ticket + "/void",
            CenterClient.object());
    assertEquals(401, wrongToken.status());
    CenterClient.Answer asTerminal =
        client.post("/v1/admin/tickets/" + ticket + "/void", CenterClient.object(), "ATM-0001");
    assertEquals(401, asTerminal.status(), asTerminal.text());
  }
}
