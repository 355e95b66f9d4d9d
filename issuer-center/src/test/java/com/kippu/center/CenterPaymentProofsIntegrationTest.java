package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.home.CardAuthorizer;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sale whose payment proof names the center as acquirer (a home PC's payment, F13) is checked
 * against the center's own record before anything is sold: an RRN the center never answered, or
 * answered another terminal, is unknown; a reversed payment is not approved; another amount or
 * method is a mismatch naming the field; a payment pays for one sale only, even when two sales race
 * for it, and a payment a sale used is not taken back. A repeated sale is answered as before.
 */
abstract class CenterPaymentProofsIntegrationTest extends HttpsCenterTestBase {
  private static final String HOME = "HOME-0001";
  private static final String SEAT_ROW = "A-1-";
  private static final long PRICE = 8_800;
  private final TestCardHost cardHost = new TestCardHost();
  private String session;

  @Override
  CardAuthorizer cardHost() {
    return cardHost;
  }

  @BeforeEach
  void loggedIn() {
    registerHomeUser();
    session = homeSession(HOME);
  }

  /** {@code path} posted from the home PC, in its session. */
  private CenterClient.Answer home(String path, ObjectNode body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.baseUri().resolve(path))
            .header("X-Terminal-Id", HOME)
            .header("X-Home-Session", session);
    if (body == null) {
      b.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    return client.send(b.build());
  }

  /** A card payment of {@code yen} the center authorises; returns its record. */
  private JsonNode pay(String reference, long yen) {
    CenterClient.Answer paid =
        home(
            "/v1/home/payments",
            CenterClient.object().put("reference", reference).put("amountYen", yen));
    assertEquals(200, paid.status(), paid.text());
    assertEquals("APPROVED", paid.body().get("status").asText(), paid.text());
    return paid.body();
  }

  private CenterClient.Answer reverse(String reference) {
    return home("/v1/home/payments/" + reference + "/reverse", null);
  }

  /** The proof the home PC shows the issuer for {@code paid}, as it builds it. */
  private static ObjectNode proof(JsonNode paid, long yen) {
    ObjectNode p =
        CenterClient.object()
            .put("method", "CREDIT_CARD")
            .put("amountYen", yen)
            .put("reference", paid.get("rrn").asText())
            .put("approvalCode", paid.get("approvalCode").asText())
            .put("stan", paid.get("stan").asText())
            .put("paidAt", paid.get("paidAt").asText())
            .put("acquirer", "KIPPU-CENTER");
    p.putObject("details").put("maskedCard", paid.get("maskedCard").asText());
    return p;
  }

  /** A direct purchase (F6) of seat {@code seat} of the seeded event, paid by {@code proof}. */
  private CenterClient.Answer buy(String request, int seat, ObjectNode proof, String terminal) {
    ObjectNode body = CenterClient.purchase(request, "CARD-0001", SEAT_ROW + seat, 1, "-");
    body.set("payment", proof);
    return client.post("/v1/purchases", body, terminal);
  }

  private static void assertRefused(
      int status, String code, String field, CenterClient.Answer answer) {
    assertEquals(status, answer.status(), answer.text());
    assertEquals(code, answer.error(), answer.text());
    assertEquals(field, answer.body().path("field").asText(), answer.text());
  }

  @Test
  void aCenterPaymentPaysForItsSaleOnceAndIsThenNotTakenBack() {
    JsonNode paid = pay("HP-1", PRICE);
    CenterClient.Answer sold = buy("P-1", 1, proof(paid, PRICE), HOME);
    assertEquals(201, sold.status(), sold.text());
    CenterClient.Answer again = buy("P-1", 1, proof(paid, PRICE), HOME);
    assertEquals(201, again.status(), again.text());
    assertEquals(
        sold.body().path("ticketNumber"), again.body().path("ticketNumber"), "the same sale");

    assertRefused(409, "PAYMENT_ALREADY_USED", "reference", reverse("HP-1"));
    assertEquals(Set.of(), cardHost.reversed(), "the money that bought the ticket stays paid");
  }

  @Test
  void aCenterPaymentPaysForNoSecondSaleWhateverTheProofIsCalled() {
    JsonNode paid = pay("HP-2", PRICE);
    assertEquals(201, buy("P-1", 1, proof(paid, PRICE), HOME).status());
    assertRefused(
        409, "PAYMENT_ALREADY_USED", "payment.reference", buy("P-2", 2, proof(paid, PRICE), HOME));
    // Another spelling of the acquirer is another payment key, but the same center payment.
    ObjectNode respelled = proof(paid, PRICE).put("acquirer", "kippu-center");
    assertRefused(409, "PAYMENT_ALREADY_USED", "payment.reference", buy("P-3", 3, respelled, HOME));
    // The seats of the refused purchases went back on sale.
    assertEquals(201, buy("P-4", 2, proof(pay("HP-3", PRICE), PRICE), HOME).status());
  }

  @Test
  void anRrnTheCenterNeverAnsweredIsUnknown() {
    JsonNode paid = pay("HP-4", PRICE);
    ObjectNode forged = proof(paid, PRICE).put("reference", "RRN999999999");
    assertRefused(422, "PAYMENT_UNKNOWN", "payment.reference", buy("P-1", 1, forged, HOME));
    assertEquals(201, buy("P-2", 1, proof(paid, PRICE), HOME).status(), "seat and payment free");
  }

  @Test
  void anotherTerminalsPaymentIsUnknownToTheCaller() {
    JsonNode paid = pay("HP-5", PRICE);
    assertRefused(
        422, "PAYMENT_UNKNOWN", "payment.reference", buy("P-1", 1, proof(paid, PRICE), "ATM-0001"));
  }

  @Test
  void aProofThatDiffersFromTheRecordNamesTheField() {
    JsonNode paid = pay("HP-6", 9_000);
    assertRefused(
        422, "PAYMENT_MISMATCH", "payment.amountYen", buy("P-1", 1, proof(paid, PRICE), HOME));
    JsonNode exact = pay("HP-7", PRICE);
    ObjectNode transfer = proof(exact, PRICE).put("method", "ACCOUNT_TRANSFER");
    transfer.remove("details");
    assertRefused(422, "PAYMENT_MISMATCH", "payment.method", buy("P-2", 1, transfer, HOME));
    ObjectNode otherApproval = proof(exact, PRICE).put("approvalCode", "A99999");
    assertRefused(
        422, "PAYMENT_MISMATCH", "payment.approvalCode", buy("P-3", 1, otherApproval, HOME));
  }

  @Test
  void aReversedPaymentIsNotApproved() {
    JsonNode paid = pay("HP-8", PRICE);
    CenterClient.Answer reversed = reverse("HP-8");
    assertEquals(200, reversed.status(), reversed.text());
    assertEquals("REVERSED", reversed.body().get("status").asText());
    assertRefused(
        409, "PAYMENT_NOT_APPROVED", "payment.reference", buy("P-1", 1, proof(paid, PRICE), HOME));
  }

  @Test
  void twoSalesRacingForOnePaymentSellOnce() throws Exception {
    JsonNode paid = pay("HP-9", PRICE);
    // Two spellings of the acquirer: two payment keys, so only the center's record guards it.
    ObjectNode upper = proof(paid, PRICE);
    ObjectNode lower = proof(paid, PRICE).put("acquirer", "kippu-center");
    List<CenterClient.Answer> answers =
        race(
            List.<Callable<CenterClient.Answer>>of(
                () -> buy("P-1", 1, upper, HOME), () -> buy("P-2", 2, lower, HOME)));
    long sold = answers.stream().filter(a -> a.status() == 201).count();
    assertEquals(1, sold, answers.toString());
    assertTrue(
        answers.stream().anyMatch(a -> "PAYMENT_ALREADY_USED".equals(a.error())),
        answers.toString());
  }

  @Test
  void aSaleAndTheReversalOfItsPaymentNeverBothWin() throws Exception {
    JsonNode paid = pay("HP-10", PRICE);
    List<CenterClient.Answer> answers =
        race(
            List.<Callable<CenterClient.Answer>>of(
                () -> buy("P-1", 1, proof(paid, PRICE), HOME), () -> reverse("HP-10")));
    boolean sold = answers.get(0).status() == 201;
    boolean takenBack = answers.get(1).status() == 200;
    assertTrue(sold != takenBack, answers.toString());
    assertEquals(takenBack ? Set.of("HP-10") : Set.of(), cardHost.reversed());
    if (sold) {
      assertEquals("PAYMENT_ALREADY_USED", answers.get(1).error(), answers.toString());
    } else {
      assertEquals("PAYMENT_NOT_APPROVED", answers.get(0).error(), answers.toString());
    }
  }

  @Test
  void aCardSaleChecksTheCenterPaymentAsATicketSaleDoes() {
    CenterClient.Answer enrolled = enrol("suica-like", "PREPAID_ISSUER", 0, null);
    assertEquals(201, enrolled.status(), enrolled.text());
    String secret = enrolled.body().get("apiSecret").asText();
    ObjectNode product =
        CenterClient.object()
            .put("cardType", "PREPAID")
            .put("name", "Prepaid 1000")
            .put("priceYen", 1_000)
            .put("valueYen", 1_000);
    String path = "/v1/issuers/suica-like/products/pp-1000";
    assertEquals(201, client.asIssuer("suica-like", secret, "PUT", path, product).status());
    ObjectNode ids = CenterClient.object().put("productId", "pp-1000");
    ids.putArray("cardIds").add("PP-0001");
    client.asIssuer("suica-like", secret, "POST", "/v1/issuers/suica-like/prepaid-cards", ids);

    JsonNode paid = pay("HP-11", 1_000);
    ObjectNode forged = CenterClient.object();
    forged.set("payment", proof(paid, 1_000).put("reference", "RRN999999999"));
    assertRefused(
        422,
        "PAYMENT_UNKNOWN",
        "payment.reference",
        client.post("/v1/prepaid-cards/PP-0001/activate", forged, HOME));
    ObjectNode activation = CenterClient.object();
    activation.set("payment", proof(paid, 1_000));
    CenterClient.Answer activated =
        client.post("/v1/prepaid-cards/PP-0001/activate", activation, HOME);
    assertEquals(200, activated.status(), activated.text());
    assertRefused(409, "PAYMENT_ALREADY_USED", "reference", reverse("HP-11"));
  }
}
