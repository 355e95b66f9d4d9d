package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.home.CardAuthorizer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A home PC (F13, S2 ¶46-51) is the user's own machine: registered as a HOME_PC, it sells as an ATM
 * does, but every route that takes a payment proof takes from it only what the center can check
 * itself, a payment the center authorised (acquirer KIPPU-CENTER, checked against its record) or
 * e-money from the card's own purse. Cash, or a card or transfer some other host is said to have
 * approved, is 403 HOME_PC_PAYMENT_NOT_ALLOWED and sells nothing; an ATM's proofs are taken as
 * before. One subclass per engine.
 */
abstract class HomePcTerminalIntegrationTest extends HttpsCenterTestBase {
  private static final String HOME = "HOME-0001";
  private static final String ATM = "ATM-0001";
  private static final String SEAT_ROW = "A-1-";
  private static final long PRICE = 8_800;
  private static final String NOT_ALLOWED = "HOME_PC_PAYMENT_NOT_ALLOWED";
  private final TestCardHost cardHost = new TestCardHost();
  private String session;

  @Override
  CardAuthorizer cardHost() {
    return cardHost;
  }

  @BeforeEach
  void aRegisteredUserLoggedInAtAHomePc() {
    CenterClient.Answer registered =
        client.admin(
            "PUT", "/v1/admin/terminals/" + HOME, CenterClient.object().put("kind", "HOME_PC"));
    assertEquals(201, registered.status(), registered.text());
    assertEquals("HOME_PC", registered.body().get("kind").asText());
    assertFalse(registered.body().has("venue"), registered.text());

    ObjectNode user =
        CenterClient.object()
            .put("userId", "hanako01")
            .put("name", "Hanako Sato")
            .put("phone", "03-1234-5678")
            .put("address", "Chiyoda, Tokyo")
            .put("pin", "4827");
    assertEquals(201, client.post("/v1/users", user, ATM).status());
    ObjectNode access = CenterClient.object().put("pin", "4827").put("password", "hanako-at-home");
    access.putObject("card").put("number", "4111110000002225").put("expiry", "3012");
    assertEquals(200, client.post("/v1/users/hanako01/home-access", access, ATM).status());
    session = homeSession(HOME);
  }

  /** A card payment of {@code yen} the center authorises for the home PC; returns its proof. */
  private ObjectNode centerPayment(String reference, long yen) {
    CenterClient.Answer paid =
        client.send(
            HttpRequest.newBuilder(server.baseUri().resolve("/v1/home/payments"))
                .header("X-Terminal-Id", HOME)
                .header("X-Home-Session", session)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        CenterClient.object()
                            .put("reference", reference)
                            .put("amountYen", yen)
                            .toString()))
                .build());
    assertEquals(200, paid.status(), paid.text());
    JsonNode p = paid.body();
    ObjectNode proof =
        CenterClient.object()
            .put("method", "CREDIT_CARD")
            .put("amountYen", yen)
            .put("reference", p.get("rrn").asText())
            .put("approvalCode", p.get("approvalCode").asText())
            .put("stan", p.get("stan").asText())
            .put("paidAt", p.get("paidAt").asText())
            .put("acquirer", "KIPPU-CENTER");
    proof.putObject("details").put("maskedCard", p.get("maskedCard").asText());
    return proof;
  }

  /** Cash a bank host is said to have credited: what a home PC never takes. */
  private static ObjectNode cash(long yen, String reference) {
    return CenterClient.payment(yen, reference).put("method", "CASH");
  }

  /** A credit card some card network is said to have approved, not the center. */
  private static ObjectNode madeUpCard(long yen, String reference) {
    ObjectNode p = CenterClient.payment(yen, reference).put("method", "CREDIT_CARD");
    p.put("acquirer", "JCB").putObject("details").put("maskedCard", "411111******2225");
    return p;
  }

  /** The e-money of {@code card}'s own purse. */
  private static ObjectNode purse(String card, long yen, String tx) {
    ObjectNode p =
        CenterClient.object()
            .put("method", "EMONEY")
            .put("amountYen", yen)
            .put("reference", tx)
            .put("paidAt", "2026-12-01T01:02:03Z")
            .put("acquirer", "kippu-purse");
    p.putObject("details")
        .put("purseId", card)
        .put("purseSequence", "7")
        .put("purseBalanceAfterYen", "1200")
        .put("purseTransactionId", tx);
    return p;
  }

  private CenterClient.Answer buy(String request, int seat, ObjectNode proof, String terminal) {
    ObjectNode body = CenterClient.purchase(request, "CARD-0001", SEAT_ROW + seat, 1, "-");
    body.set("payment", proof);
    return client.post("/v1/purchases", body, terminal);
  }

  private static void assertRefused(String field, CenterClient.Answer answer) {
    assertEquals(403, answer.status(), answer.text());
    assertEquals(NOT_ALLOWED, answer.error(), answer.text());
    assertEquals(field, answer.body().path("field").asText(), answer.text());
  }

  @Test
  void aHomePcIsItsOwnKindWithoutAVenue() {
    CenterClient.Answer withVenue =
        client.admin(
            "PUT",
            "/v1/admin/terminals/" + HOME,
            CenterClient.object().put("kind", "HOME_PC").put("venue", "Tokyo Dome"));
    assertEquals(400, withVenue.status(), withVenue.text());
    assertEquals("venue", withVenue.body().path("field").asText(), withVenue.text());
  }

  @Test
  void aHomePcsCashIsRefusedAndItsSeatGoesBackOnSale() {
    assertRefused("payment.method", buy("P-1", 1, cash(PRICE, "RRN-C1"), HOME));
    assertEquals(201, buy("P-2", 1, centerPayment("HP-1", PRICE), HOME).status(), "seat free");
  }

  @Test
  void aCardOrTransferAHomePcSaysAnotherHostApprovedIsRefused() {
    assertRefused("payment.acquirer", buy("P-1", 1, madeUpCard(PRICE, "RRN-K1"), HOME));
    assertRefused("payment.acquirer", buy("P-2", 1, CenterClient.payment(PRICE, "RRN-T1"), HOME));
    ObjectNode debit = madeUpCard(PRICE, "RRN-D1").put("method", "DEBIT_CARD");
    assertRefused("payment.method", buy("P-3", 1, debit, HOME));
  }

  @Test
  void aPaymentTheCenterAuthorisedBuysAtAHomePc() {
    CenterClient.Answer sold = buy("P-1", 1, centerPayment("HP-1", PRICE), HOME);
    assertEquals(201, sold.status(), sold.text());
  }

  @Test
  void theCardsOwnPurseStillPaysAtAHomePc() {
    CenterClient.Answer sold = buy("P-1", 1, purse("CARD-0001", PRICE, "TX-1"), HOME);
    assertEquals(201, sold.status(), sold.text());
  }

  @Test
  void anAtmsProofsAreTakenAsBefore() {
    assertEquals(201, buy("P-1", 1, cash(PRICE, "RRN-C1"), ATM).status());
    assertEquals(201, buy("P-2", 2, madeUpCard(PRICE, "RRN-K1"), ATM).status());
    assertEquals(201, buy("P-3", 3, CenterClient.payment(PRICE, "RRN-T1"), ATM).status());
  }

  @Test
  void aBranchOpenedAgainAsAnotherKindRegistersItsTerminalSo() {
    String secret = "kippu-test-terminal-secret-HOME-0001";
    server.registerSalesTerminal(HOME, false, secret);
    assertEquals(201, buy("P-1", 1, cash(PRICE, "RRN-C1"), HOME).status(), "an ATM again");
    server.registerSalesTerminal(HOME, true, secret);
    assertRefused("payment.method", buy("P-2", 2, cash(PRICE, "RRN-C2"), HOME));
    assertEquals(
        200, client.admin("POST", "/v1/admin/terminals/" + HOME + "/deactivate", null).status());
    server.registerSalesTerminal(HOME, false, secret);
    assertEquals(
        200, client.admin("POST", "/v1/admin/terminals/" + HOME + "/activate", null).status());
    assertRefused("payment.method", buy("P-3", 3, cash(PRICE, "RRN-C3"), HOME));
  }

  @Test
  void anIssueOfAReservationChecksAsAPurchaseDoes() {
    ObjectNode hold =
        CenterClient.object()
            .put("eventId", "evt-2026-12-24-dome")
            .put("cardId", "CARD-0001")
            .put("requestNumber", "R-1");
    hold.putArray("seatIds").add(SEAT_ROW + 1);
    CenterClient.Answer held = client.post("/v1/reservations", hold, HOME);
    assertEquals(201, held.status(), held.text());
    String issue = "/v1/reservations/" + held.body().get("reservationNumber").asText() + "/issue";
    ObjectNode byCash = CenterClient.object().put("cardId", "CARD-0001");
    byCash.set("payment", cash(PRICE, "RRN-C1"));
    assertRefused("payment.method", client.post(issue, byCash, HOME));
    ObjectNode byCenter = CenterClient.object().put("cardId", "CARD-0001");
    byCenter.set("payment", centerPayment("HP-1", PRICE));
    CenterClient.Answer issued = client.post(issue, byCenter, HOME);
    assertEquals(200, issued.status(), issued.text());
  }

  @Test
  void aPrepaidCardIsActivatedAndRechargedAtAHomePcOnlyOnAPaymentTheCenterChecks() {
    String secret = newIssuer("suica-like", "PREPAID_ISSUER");
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

    ObjectNode byCash = CenterClient.object();
    byCash.set("payment", cash(1_000, "RRN-C1"));
    assertRefused(
        "payment.method", client.post("/v1/prepaid-cards/PP-0001/activate", byCash, HOME));
    ObjectNode byCenter = CenterClient.object();
    byCenter.set("payment", centerPayment("HP-1", 1_000));
    CenterClient.Answer activated =
        client.post("/v1/prepaid-cards/PP-0001/activate", byCenter, HOME);
    assertEquals(200, activated.status(), activated.text());

    ObjectNode byCard = CenterClient.object();
    byCard.set("payment", madeUpCard(1_000, "RRN-K1"));
    assertRefused(
        "payment.acquirer", client.post("/v1/prepaid-cards/PP-0001/recharge", byCard, HOME));
    ObjectNode recharge = CenterClient.object();
    recharge.set("payment", centerPayment("HP-2", 1_000));
    CenterClient.Answer recharged =
        client.post("/v1/prepaid-cards/PP-0001/recharge", recharge, HOME);
    assertEquals(200, recharged.status(), recharged.text());
    assertEquals(2_000, recharged.body().get("valueYen").asLong(), recharged.text());
  }

  @Test
  void aCommuterPassIsSoldAtAHomePcOnlyOnAPaymentTheCenterChecks() {
    String secret = newIssuer("keihin-rail", "RAILWAY");
    ObjectNode pass =
        CenterClient.object()
            .put("cardType", "COMMUTER_PASS")
            .put("name", "Shinagawa-Yokohama 1 month")
            .put("priceYen", 13_790);
    pass.putObject("section")
        .put("line", "Keihin")
        .put("fromStation", "Shinagawa")
        .put("toStation", "Yokohama")
        .put("periodDays", 30);
    String path = "/v1/issuers/keihin-rail/products/shinagawa-yokohama-1m";
    assertEquals(201, client.asIssuer("keihin-rail", secret, "PUT", path, pass).status());
    long fare = 13_790;

    CenterClient.Answer byCash =
        client.post("/v1/commuter-passes", passSale("C-1", cash(fare, "RRN-C1")), HOME);
    assertRefused("payment.method", byCash);
    CenterClient.Answer sold =
        client.post("/v1/commuter-passes", passSale("C-2", centerPayment("HP-1", fare)), HOME);
    assertEquals(201, sold.status(), sold.text());
  }

  private static ObjectNode passSale(String request, ObjectNode payment) {
    ObjectNode s =
        CenterClient.object()
            .put("requestNumber", request)
            .put("productId", "shinagawa-yokohama-1m")
            .put("fareClass", "ADULT")
            .put("validFrom", "2026-12-02")
            .put("cardId", "CARD-0001");
    s.putObject("holder")
        .put("name", "Hanako Sato")
        .put("phone", "03-1234-5678")
        .put("address", "Chiyoda, Tokyo");
    s.set("payment", payment);
    return s;
  }

  @Test
  void anApplicationIsSoldAtAHomePcOnlyOnAPaymentTheCenterChecks() {
    String secret = newIssuer("kippu-points", "PROMOTER");
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
    String path = "/v1/issuers/kippu-points/applications/points";
    assertEquals(201, client.asIssuer("kippu-points", secret, "PUT", path, app).status());

    CenterClient.Answer byCash =
        client.post("/v1/applications/points/sales", appSale("A-1", cash(500, "RRN-C1")), HOME);
    assertRefused("payment.method", byCash);
    CenterClient.Answer sold =
        client.post(
            "/v1/applications/points/sales", appSale("A-2", centerPayment("HP-1", 500)), HOME);
    assertEquals(201, sold.status(), sold.text());
  }

  private static ObjectNode appSale(String request, ObjectNode payment) {
    ObjectNode s =
        CenterClient.object()
            .put("requestNumber", request)
            .put("version", 1)
            .put("cardId", "CARD-0001");
    s.set("payment", payment);
    return s;
  }
}
