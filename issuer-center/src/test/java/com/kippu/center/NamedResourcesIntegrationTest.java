package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.testdb.TestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What a route acts on is named in its path or body: an id of nothing the center knows is 404 with
 * the code that says what is missing, a malformed id 400 naming the field, on every route that
 * names one. Each request is otherwise good, so the answer is about the name.
 */
class NamedResourcesIntegrationTest extends CenterTestBase {
  private record Case(String what, Supplier<CenterClient.Answer> call, int status, String code) {}

  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  private static void check(List<Case> cases) {
    List<String> wrong = new ArrayList<>();
    for (Case c : cases) {
      CenterClient.Answer a = c.call().get();
      if (a.status() != c.status() || !a.error().equals(c.code())) {
        wrong.add(c.what() + ": " + a.status() + " " + a.text());
      }
    }
    assertEquals(List.of(), wrong);
  }

  private CenterClient.Answer atm(String path, ObjectNode body) {
    return client.post(path, body, "ATM-0001");
  }

  private static ObjectNode hold(String event, String seat) {
    ObjectNode hold =
        CenterClient.object()
            .put("requestNumber", "REQ-1")
            .put("eventId", event)
            .put("cardId", "CARD-0001");
    hold.putArray("seatIds").add(seat);
    return hold;
  }

  private static ObjectNode passSale(String product) {
    ObjectNode sale =
        CenterClient.object()
            .put("requestNumber", "K-1")
            .put("productId", product)
            .put("validFrom", "2026-12-02")
            .put("cardId", "CARD-0001");
    sale.putObject("holder")
        .put("name", "Hanako Sato")
        .put("phone", "045-123-4567")
        .put("address", "Y");
    sale.set("payment", CenterClient.payment(13_790, "RRN-K1"));
    return sale;
  }

  @Test
  void anIdOfNothingIs404SayingWhatIsMissing() {
    String secret = newIssuer("keio-rail", "PREPAID_ISSUER");
    ObjectNode cards = CenterClient.object().put("productId", "no-such-product");
    cards.putArray("cardIds").add("PP-0001");
    ObjectNode best =
        CenterClient.object()
            .put("requestNumber", "REQ-2")
            .put("eventId", "evt-none")
            .put("cardId", "CARD-0001")
            .put("quantity", 1);
    ObjectNode issue = CenterClient.object().put("cardId", "CARD-0001");
    issue.set("payment", CenterClient.payment(8_800, "RRN-1"));
    ObjectNode recharge = CenterClient.object();
    recharge.set("payment", CenterClient.payment(1_000, "RRN-2"));
    check(
        List.of(
            new Case(
                "approving a bank account of no issuer",
                () ->
                    client.admin(
                        "POST",
                        "/v1/admin/issuers/nobody/bank-account/approve",
                        CenterClient.object().put("bankAccount", "0001-001-1111111")),
                404,
                "ISSUER_NOT_FOUND"),
            new Case(
                "rotating no issuer's secret",
                () -> client.admin("POST", "/v1/admin/issuers/nobody/rotate-secret", null),
                404,
                "ISSUER_NOT_FOUND"),
            new Case(
                "deactivating no issuer",
                () -> client.admin("POST", "/v1/admin/issuers/nobody/deactivate", null),
                404,
                "ISSUER_NOT_FOUND"),
            new Case(
                "activating no terminal",
                () -> client.admin("POST", "/v1/admin/terminals/ATM-NONE/activate", null),
                404,
                "TERMINAL_NOT_FOUND"),
            new Case(
                "deactivating no terminal",
                () -> client.admin("POST", "/v1/admin/terminals/ATM-NONE/deactivate", null),
                404,
                "TERMINAL_NOT_FOUND"),
            new Case(
                "prepaid cards of no product",
                () ->
                    client.asIssuer(
                        "keio-rail", secret, "POST", "/v1/issuers/keio-rail/prepaid-cards", cards),
                404,
                "PRODUCT_NOT_FOUND"),
            new Case(
                "quoting no product",
                () -> atm("/v1/product-quotes", CenterClient.object().put("productId", "no-such")),
                404,
                "PRODUCT_NOT_FOUND"),
            new Case(
                "selling a pass of no product",
                () -> atm("/v1/commuter-passes", passSale("no-such")),
                404,
                "PRODUCT_NOT_FOUND"),
            new Case(
                "holding a seat of no event",
                () -> atm("/v1/reservations", hold("evt-none", "A-1-1")),
                404,
                "EVENT_NOT_FOUND"),
            new Case(
                "holding no seat",
                () -> atm("/v1/reservations", hold("evt-2026-12-24-dome", "Z-9-99")),
                404,
                "SEAT_NOT_FOUND"),
            new Case(
                "the best seats of no event",
                () -> atm("/v1/reservations/best-available", best),
                404,
                "EVENT_NOT_FOUND"),
            new Case(
                "buying a seat of no event",
                () ->
                    atm(
                        "/v1/purchases",
                        CenterClient.purchase("P-1", "CARD-0001", "A-1-1", 8_800, "RRN-3")
                            .put("eventId", "evt-none")),
                404,
                "EVENT_NOT_FOUND"),
            new Case(
                "issuing no reservation",
                () -> atm("/v1/reservations/R0123456789/issue", issue),
                404,
                "RESERVATION_NOT_FOUND"),
            new Case(
                "recharging no prepaid card",
                () -> atm("/v1/prepaid-cards/PP-NONE/recharge", recharge),
                404,
                "CARD_UNKNOWN"),
            new Case(
                "the payments of a malformed issuer id",
                () -> client.admin("GET", "/v1/settlements/2026-12/Not_An_Issuer", null),
                404,
                "ISSUER_NOT_FOUND")));
  }

  @Test
  void aMalformedIdIs400() {
    check(
        List.of(
            new Case(
                "rotating a malformed terminal id's secret",
                () -> client.admin("POST", "/v1/admin/terminals/bad~id/rotate-secret", null),
                400,
                "INVALID_FIELD"),
            new Case(
                "activating a malformed terminal id",
                () -> client.admin("POST", "/v1/admin/terminals/bad~id/activate", null),
                400,
                "INVALID_FIELD"),
            new Case(
                "deactivating a malformed terminal id",
                () -> client.admin("POST", "/v1/admin/terminals/bad~id/deactivate", null),
                400,
                "INVALID_FIELD"),
            new Case(
                "rotating a malformed issuer id's secret",
                () -> client.admin("POST", "/v1/admin/issuers/Bad_Issuer/rotate-secret", null),
                400,
                "INVALID_FIELD"),
            new Case(
                "deactivating a malformed issuer id",
                () -> client.admin("POST", "/v1/admin/issuers/Bad_Issuer/deactivate", null),
                400,
                "INVALID_FIELD"),
            new Case(
                "a settlement of no month",
                () -> client.admin("GET", "/v1/settlements/2026-13", null),
                400,
                "INVALID_FIELD"),
            new Case(
                "the payments of no month",
                () -> client.admin("GET", "/v1/settlements/december/keio-rail", null),
                400,
                "INVALID_FIELD")));
  }
}
