package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.testdb.TestStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * F11: a prepaid card's recharges stay within the value a card may hold (default 50 000 yen) and
 * what it may take in one day of Asia/Tokyo (default 30 000 yen). The quote refuses before the
 * customer pays; the recharge itself checks again, so a payment made on a stale quote is refused
 * and nothing is added.
 */
class RechargeLimitsIntegrationTest extends CenterTestBase {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  @BeforeEach
  void activeCard() {
    activePrepaidCard();
  }

  private CenterClient.Answer quote(long yen) {
    return client.post(
        "/v1/prepaid-cards/PP-0001/recharge-quote",
        CenterClient.object().put("amountYen", yen),
        "ATM-0001");
  }

  private CenterClient.Answer recharge(long yen, String reference) {
    ObjectNode pay = CenterClient.object();
    pay.set("payment", CenterClient.payment(yen, reference));
    return client.post("/v1/prepaid-cards/PP-0001/recharge", pay, "ATM-0001");
  }

  private long value() {
    return client
        .getAsTerminal("/v1/prepaid-cards/PP-0001", "ATM-0001")
        .body()
        .get("valueYen")
        .asLong();
  }

  @Test
  void quoteNamesTheIssuerAccountAndTheLimitsSignedByTheIssuer() throws Exception {
    CenterClient.Answer q = quote(10_000);
    assertEquals(200, q.status(), q.text());
    assertEquals(1_000, q.body().get("valueYen").asLong());
    assertEquals(0, q.body().get("rechargedTodayYen").asLong());
    assertEquals(50_000, q.body().get("maxCardValueYen").asLong());
    assertEquals(30_000, q.body().get("maxPerDayYen").asLong());
    JsonNode signed = q.body().get("signedQuote");
    JsonNode payload =
        CenterClient.JSON.readTree(
            new String(
                Base64.getDecoder().decode(signed.get("payload").asText()),
                StandardCharsets.UTF_8));
    assertEquals("kippu/recharge-quote/v1", payload.get("type").asText());
    assertEquals("PP-0001", payload.get("cardId").asText());
    assertEquals(11_000, payload.get("valueAfterYen").asLong());
    assertEquals("0009-001-1234567", payload.get("issuerAccount").asText());
    assertEquals(1_000, value(), "a quote adds nothing");
  }

  @Test
  void theDayLimitRefusesBeforePaymentAndAgainAfterIt() {
    assertEquals(200, recharge(20_000, "RRN-R1").status());
    CenterClient.Answer refused = quote(15_000);
    assertEquals(422, refused.status(), refused.text());
    assertEquals("DAILY_LIMIT", refused.error());
    assertTrue(refused.text().contains("at most 10000 yen more today"), refused.text());
    assertEquals("PER_DAY", refused.body().path("limit").path("kind").asText(), refused.text());
    assertEquals(30_000, refused.body().path("limit").path("limitYen").asLong(-1));
    assertEquals(10_000, refused.body().path("limit").path("remainingYen").asLong(-1));
    assertEquals(200, quote(10_000).status(), "what is left of the day is taken");

    // Paid on a quote taken before another terminal's recharge: refused, nothing added.
    assertEquals(200, recharge(10_000, "RRN-R2").status());
    CenterClient.Answer late = recharge(5_000, "RRN-R3");
    assertEquals(422, late.status(), late.text());
    assertEquals("DAILY_LIMIT", late.error());
    assertEquals(0, late.body().path("limit").path("remainingYen").asLong(-1), late.text());
    assertEquals(31_000, value());

    // The next day in Tokyo (midnight is 15:00 UTC) the card takes more again.
    clock.advance(Duration.ofHours(14));
    assertEquals(200, quote(5_000).status(), "a new day in Asia/Tokyo");
    assertEquals(200, recharge(5_000, "RRN-R3").status(), "the refused proof pays once allowed");
  }

  @Test
  void theCardValueLimitSaysHowMuchTheCardMayStillTake() {
    assertEquals(200, recharge(29_000, "RRN-R1").status());
    clock.advance(Duration.ofDays(1));
    CenterClient.Answer refused = quote(25_000);
    assertEquals(422, refused.status(), refused.text());
    assertEquals("VALUE_LIMIT", refused.error());
    assertTrue(refused.text().contains("at most 20000 yen more"), refused.text());
    assertEquals("CARD_VALUE", refused.body().path("limit").path("kind").asText(), refused.text());
    assertEquals(50_000, refused.body().path("limit").path("limitYen").asLong(-1));
    assertEquals(20_000, refused.body().path("limit").path("remainingYen").asLong(-1));
    assertEquals(422, recharge(25_000, "RRN-R2").status());
    assertEquals(30_000, value());
  }

  @Test
  void anUnknownCardOrABadAmountIsRefusedAtTheQuote() {
    CenterClient.Answer unknown =
        client.post(
            "/v1/prepaid-cards/PP-9999/recharge-quote",
            CenterClient.object().put("amountYen", 1_000),
            "ATM-0001");
    assertEquals(404, unknown.status());
    assertEquals(400, quote(0).status());
  }
}
