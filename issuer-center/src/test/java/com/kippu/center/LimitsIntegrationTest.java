package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.testdb.TestStore;
import org.junit.jupiter.api.Test;

/**
 * Amounts are bounded where they enter, so no sum overflows downstream; an issuer's sales endpoint
 * is an https URL on a host the operator allowed.
 */
class LimitsIntegrationTest extends CenterTestBase {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  /** The business limits as high as the overflow bounds, which this test is about. */
  @Override
  com.kippu.center.card.RechargeLimits rechargeLimits() {
    return new com.kippu.center.card.RechargeLimits(
        com.kippu.center.common.Yen.MAX_CARD_VALUE, com.kippu.center.common.Yen.MAX_CARD_VALUE);
  }

  private CenterClient.Answer recharge(long yen, String reference) {
    ObjectNode pay = CenterClient.object();
    pay.set("payment", CenterClient.payment(yen, reference));
    return client.post("/v1/prepaid-cards/PP-0001/recharge", pay, "ATM-0001");
  }

  @Test
  void hugeRechargesAreClear400sAndSettlementStaysHealthy() {
    activePrepaidCard();
    for (long yen : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1, 100_000_001L}) {
      CenterClient.Answer a = recharge(yen, "RRN-BIG-" + (yen % 1000));
      assertEquals(400, a.status(), a.text());
      assertEquals("payment.amountYen", a.body().get("field").asText());
    }
    CenterClient.Answer pastCardLimit = recharge(999_001, "RRN-LIMIT");
    assertEquals(422, pastCardLimit.status(), pastCardLimit.text());
    assertEquals("VALUE_LIMIT", pastCardLimit.error());
    assertEquals(200, recharge(999_000, "RRN-FULL").status(), "up to the limit is fine");

    CenterClient.Answer settlement = client.admin("GET", "/v1/settlements/2026-12", null);
    assertEquals(200, settlement.status(), settlement.text());
  }

  @Test
  void pricesAreBounded() {
    String secret = newIssuer("keio-rail", "RAILWAY");
    ObjectNode product =
        CenterClient.object()
            .put("cardType", "PREPAID")
            .put("name", "Too dear")
            .put("priceYen", Long.MAX_VALUE)
            .put("valueYen", 1_000);
    CenterClient.Answer a =
        client.asIssuer("keio-rail", secret, "PUT", "/v1/issuers/keio-rail/products/p-1", product);
    assertEquals(400, a.status(), a.text());
    assertEquals("priceYen", a.body().get("field").asText());
  }

  @Test
  void aSalesEndpointMustBeAnAllowedHttpsUrl() {
    for (String url :
        new String[] {
          "http://169.254.169.254/latest/meta-data/",
          "https://169.254.169.254/latest/meta-data/",
          "https://10.0.0.5/sales",
          "https://[fe80::1]/sales",
          "http://" + ALLOWED_SALES_HOST + "/sales",
          "https://attacker.example/sales",
          "https://user:pw@" + ALLOWED_SALES_HOST + "/sales"
        }) {
      CenterClient.Answer a = enrol("tokyo-dome-promo", "PROMOTER", 0, url);
      assertEquals(400, a.status(), url + " " + a.text());
      assertEquals("salesEndpoint", a.body().get("field").asText(), url);
    }
    CenterClient.Answer ok =
        enrol("tokyo-dome-promo", "PROMOTER", 0, "https://" + ALLOWED_SALES_HOST + "/sales");
    assertTrue(ok.status() == 200 || ok.status() == 201, ok.text());
  }
}
