package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.testdb.TestStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * F11, add a function: an application a terminal installed on a card after payment is recorded as a
 * sale once, goes to its issuer through the outbox and counts in the issuer's settlement, like
 * every other sale (S2 ¶21, ¶45, ¶53).
 */
class ApplicationSalesIntegrationTest extends CenterTestBase {
  private static final String ISSUER = "kippu-points";

  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  private static ObjectNode sale(String request, int version, long yen, String reference) {
    ObjectNode s =
        CenterClient.object()
            .put("requestNumber", request)
            .put("version", version)
            .put("cardId", "CARD-0001");
    s.set("payment", CenterClient.payment(yen, reference));
    return s;
  }

  @Test
  void anInstalledApplicationIsSoldOnceToldToItsIssuerAndSettled() throws Exception {
    try (SalesReceiver receiver = SalesReceiver.start()) {
      CenterClient.Answer enrolled = enrol(ISSUER, "PROMOTER", 500, receiver.endpoint());
      assertEquals(201, enrolled.status(), enrolled.text());
      String secret = enrolled.body().get("apiSecret").asText();
      ObjectNode app =
          CenterClient.object()
              .put("version", 1)
              .put("aid", "F04B495050550001")
              .put("name", "Kippu Points")
              .put("priceYen", 500)
              .put(
                  "code",
                  Base64.getEncoder()
                      .encodeToString("points applet v1".getBytes(StandardCharsets.UTF_8)));
      assertEquals(
          201,
          client
              .asIssuer(
                  ISSUER, secret, "PUT", "/v1/issuers/" + ISSUER + "/applications/points", app)
              .status());

      assertEquals(
          409,
          client
              .asIssuer(
                  ISSUER, secret, "PUT", "/v1/issuers/" + ISSUER + "/applications/points", app)
              .status(),
          "a version is uploaded once");
      CenterClient.Answer listed = client.getAsTerminal("/v1/applications", "ATM-0001");
      assertEquals(200, listed.status(), listed.text());
      assertEquals("points", listed.body().get("applications").get(0).get("appId").asText());
      CenterClient.Answer fetched = client.getAsTerminal("/v1/applications/points", "ATM-0001");
      assertEquals(200, fetched.status(), fetched.text());
      assertEquals(
          "points applet v1",
          new String(
              Base64.getDecoder().decode(fetched.body().get("code").asText()),
              StandardCharsets.UTF_8));
      var descriptor = CenterClient.envelope(fetched.body().get("signedApplication"));
      assertTrue(
          com.kippu.center.signing.Ed25519.verify(
              descriptor,
              com.kippu.center.signing.Ed25519.publicKey(
                  Base64.getDecoder()
                      .decode(
                          client
                              .get("/v1/issuers/" + ISSUER + "/key")
                              .body()
                              .get("publicKey")
                              .asText()))),
          "the application's descriptor is signed by its issuer");
      assertEquals(404, client.getAsTerminal("/v1/applications/none", "ATM-0001").status());

      assertEquals(
          422,
          client
              .post("/v1/applications/points/sales", sale("A-1", 1, 400, "RRN-1"), "ATM-0001")
              .status(),
          "not the price");
      CenterClient.Answer unknown =
          client.post("/v1/applications/points/sales", sale("A-1", 2, 500, "RRN-1"), "ATM-0001");
      assertEquals(404, unknown.status(), unknown.text());
      assertEquals("PRODUCT_NOT_FOUND", unknown.error());

      CenterClient.Answer sold =
          client.post("/v1/applications/points/sales", sale("A-1", 1, 500, "RRN-1"), "ATM-0001");
      assertEquals(201, sold.status(), sold.text());
      assertEquals(ISSUER, sold.body().get("issuerId").asText());
      CenterClient.Answer again =
          client.post("/v1/applications/points/sales", sale("A-1", 1, 500, "RRN-1"), "ATM-0001");
      assertEquals(200, again.status(), "a repeat is the same sale: " + again.text());
      assertEquals(sold.body().get("saleId"), again.body().get("saleId"));
      CenterClient.Answer reused =
          client.post("/v1/applications/points/sales", sale("A-2", 1, 500, "RRN-1"), "ATM-0001");
      assertEquals(409, reused.status(), reused.text());
      assertEquals("PAYMENT_ALREADY_USED", reused.error());

      var report = server.deliverOutbox();
      assertEquals(1, report.delivered(), "one sale, one record");
      JsonNode record = receiver.received().get(0);
      assertEquals("CARD_APPLICATION", record.get("saleKind").asText());
      assertEquals("points", record.get("appId").asText());
      assertEquals(1, record.get("version").asInt());
      assertEquals("CARD-0001", record.get("cardId").asText());
      assertEquals(500, record.get("amountYen").asLong());
      assertEquals("ISSUER", record.get("receivedBy").asText(), "a transfer to its account");

      String payments = client.admin("GET", "/v1/settlements/2026-12/" + ISSUER, null).text();
      assertTrue(
          payments.contains(",CARD_APPLICATION," + sold.body().get("saleId").asText() + ","),
          payments);
      String statement = client.admin("GET", "/v1/settlements/2026-12", null).text();
      assertTrue(statement.contains(ISSUER + ",kippu-points Co.,1,500,"), statement);
    }
  }
}
