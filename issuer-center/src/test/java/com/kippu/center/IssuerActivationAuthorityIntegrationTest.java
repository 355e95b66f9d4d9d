package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.testdb.TestStore;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The prepaid issuer's local server is the authority on its pre-valued cards (F10, S2 ¶41-43): the
 * center activates a card only once its issuer did, adds value only while its issuer has it active,
 * and a silent issuer lets neither happen.
 */
class IssuerActivationAuthorityIntegrationTest extends CenterTestBase {
  /** The issuer's own card records: what it stocked, activated or voided. */
  private final Map<String, String> issuerCards = new ConcurrentHashMap<>();

  private HttpServer issuer;
  private String secret;

  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  @BeforeEach
  void prepaidIssuerWithItsOwnServer() throws IOException {
    issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    issuer.createContext("/issuer/cards/", this::answerAsIssuer);
    issuer.start();
    CenterClient.Answer enrolled =
        enrol(
            "suica-like",
            "PREPAID_ISSUER",
            0,
            "http://127.0.0.1:" + issuer.getAddress().getPort() + "/issuer/sales");
    assertEquals(201, enrolled.status(), enrolled.text());
    secret = enrolled.body().get("apiSecret").asText();
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
    ids.putArray("cardIds").add("PP-0001").add("PP-0002").add("PP-0003");
    client.asIssuer("suica-like", secret, "POST", "/v1/issuers/suica-like/prepaid-cards", ids);
    issuerCards.put("PP-0001", "NOT_ACTIVATED");
    issuerCards.put("PP-0002", "NOT_ACTIVATED");
  }

  @AfterEach
  void stopIssuer() {
    issuer.stop(0);
  }

  /** As the issuer's server does: activate what it stocked, never what it voided or never made. */
  private void answerAsIssuer(HttpExchange ex) throws IOException {
    String[] path = ex.getRequestURI().getPath().split("/");
    boolean activate = path[path.length - 1].equals("activate");
    String card = path[activate ? path.length - 2 : path.length - 1];
    String status = issuerCards.getOrDefault(card, activate ? "UNKNOWN" : "VALID");
    int code = 200;
    if (activate && status.equals("NOT_ACTIVATED")) {
      issuerCards.put(card, "ACTIVE");
      status = "ACTIVE";
    } else if (activate && status.equals("UNKNOWN")) {
      code = 404;
    } else if (activate && !status.equals("ACTIVE")) {
      code = 409;
    }
    byte[] body = ("{\"status\":\"" + status + "\"}").getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(code, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  private CenterClient.Answer activate(String card, String reference) {
    ObjectNode activation = CenterClient.object();
    activation.set("payment", CenterClient.payment(1_000, reference));
    return client.post("/v1/prepaid-cards/" + card + "/activate", activation, "ATM-0001");
  }

  private CenterClient.Answer recharge(String card, String reference) {
    ObjectNode pay = CenterClient.object();
    pay.set("payment", CenterClient.payment(500, reference));
    return client.post("/v1/prepaid-cards/" + card + "/recharge", pay, "ATM-0001");
  }

  private String centerStatus(String card) {
    return client
        .getAsTerminal("/v1/prepaid-cards/" + card, "ATM-0001")
        .body()
        .get("status")
        .asText();
  }

  private static void refusedByIssuer(CenterClient.Answer a, int status, String code) {
    assertEquals(status, a.status(), a.text());
    assertEquals(code, a.error(), a.text());
    assertEquals("cardId", a.body().get("field").asText(), a.text());
    assertTrue(a.text().contains("suica-like"), a.text());
  }

  @Test
  void theIssuerActivatesItsCardAndRefusesOneItVoidedOrNeverMade() {
    CenterClient.Answer sold = activate("PP-0001", "RRN-A1");
    assertEquals(200, sold.status(), sold.text());
    assertEquals("ACTIVE", issuerCards.get("PP-0001"), "the issuer activated it on its server");
    assertEquals("ACTIVE", centerStatus("PP-0001"));
    assertEquals(200, activate("PP-0001", "RRN-A1").status(), "a repeat replays the activation");

    refusedByIssuer(activate("PP-0003", "RRN-A3"), 409, "ISSUER_REFUSED");
    assertEquals("INACTIVE", centerStatus("PP-0003"), "not activated at the center either");
    issuerCards.put("PP-0002", "INVALIDATED");
    refusedByIssuer(activate("PP-0002", "RRN-A2"), 410, "CARD_LOST");

    assertEquals(200, recharge("PP-0001", "RRN-R1").status());
    // The issuer's record wins over the center's: a card it does not hold active takes no value.
    issuerCards.put("PP-0001", "NOT_ACTIVATED");
    refusedByIssuer(recharge("PP-0001", "RRN-R2"), 409, "ISSUER_REFUSED");
    issuerCards.put("PP-0001", "INVALIDATED");
    refusedByIssuer(recharge("PP-0001", "RRN-R3"), 410, "CARD_LOST");
  }

  @Test
  void aSilentIssuerHasNoCardActivatedAndNoValueAdded() {
    assertEquals(200, activate("PP-0001", "RRN-A1").status());
    issuer.stop(0);

    refusedByIssuer(activate("PP-0002", "RRN-A2"), 503, "ISSUER_UNAVAILABLE");
    assertEquals("INACTIVE", centerStatus("PP-0002"), "the center activated nothing alone");
    refusedByIssuer(recharge("PP-0001", "RRN-R1"), 503, "ISSUER_UNAVAILABLE");
    assertEquals(
        200, activate("PP-0001", "RRN-A1").status(), "an activation done earlier still replays");
  }
}
