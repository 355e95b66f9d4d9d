package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Issuers as accounts pushing their catalog (S2 ¶21) and the terminal's browsing hierarchy (S2 ¶22)
 * over real HTTP; one subclass per engine.
 */
abstract class IssuerCatalogIntegrationTest extends CenterTestBase {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

  static ObjectNode event(String title, String artist, long sPrice, long aPrice) {
    ObjectNode e =
        CenterClient.object()
            .put("title", title)
            .put("genre", "コンサート")
            .put("artist", artist)
            .put("venue", "Nippon Budokan")
            .put("startsAt", "2027-01-15T18:30:00+09:00");
    ArrayNode seats = e.putArray("seats");
    for (int n = 1; n <= 10; n++) {
      seats
          .addObject()
          .put("seatId", "S-1-" + n)
          .put("section", "S")
          .put("row", "1")
          .put("number", n)
          .put("priceYen", sPrice);
      seats
          .addObject()
          .put("seatId", "A-1-" + n)
          .put("section", "A")
          .put("row", "1")
          .put("number", n)
          .put("priceYen", aPrice);
    }
    e.putObject("image")
        .put("contentType", "image/png")
        .put("base64", Base64.getEncoder().encodeToString(PNG));
    return e;
  }

  private static String seg(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Test
  void bestAvailableHoldsChargeThePricesOfTheLatestPush() {
    String promoter = newIssuer("budokan-promo", "PROMOTER");
    String path = "/v1/issuers/budokan-promo/events/evt-2027-01-15-budokan";
    assertEquals(
        201,
        client
            .asIssuer(
                "budokan-promo", promoter, "PUT", path, event("Live", "Ren Aoki", 11_000, 7_500))
            .status());
    CenterClient.Answer first = bestAvailable("P-1");
    assertEquals(201, first.status(), first.text());
    assertEquals("S-1-1", first.body().get("seats").get(0).get("seatId").asText());

    // The issuer raises the S seats still free; the held one keeps its terms.
    ObjectNode raised = event("Live", "Ren Aoki", 12_000, 7_500);
    ((ObjectNode) raised.get("seats").get(0)).put("priceYen", 11_000);
    CenterClient.Answer pushed = client.asIssuer("budokan-promo", promoter, "PUT", path, raised);
    assertEquals(200, pushed.status(), pushed.text());

    CenterClient.Answer second = bestAvailable("P-2");
    assertEquals(201, second.status(), second.text());
    assertEquals("S-1-2", second.body().get("seats").get(0).get("seatId").asText());
    assertEquals(12_000, second.body().get("amountYen").asLong(), "the price pushed last");
  }

  private CenterClient.Answer bestAvailable(String request) {
    return client.post(
        "/v1/reservations/best-available",
        CenterClient.object()
            .put("requestNumber", request)
            .put("cardId", "CARD-" + request)
            .put("eventId", "evt-2027-01-15-budokan")
            .put("quantity", 1),
        "ATM-0001");
  }

  @Test
  void issuersPushTheirCatalogAndTerminalsBrowseItLevelByLevel() {
    String promoter = newIssuer("budokan-promo", "PROMOTER");
    String railway = newIssuer("keio-rail", "RAILWAY");
    CenterClient.Answer again = enrol("keio-rail", "RAILWAY", 150, null);
    assertEquals(200, again.status(), "re-enrolling updates");
    assertFalse(again.body().has("apiSecret"), "the secret is shown once");

    String path = "/v1/issuers/budokan-promo/events/evt-2027-01-15-budokan";
    CenterClient.Answer pushed =
        client.asIssuer(
            "budokan-promo",
            promoter,
            "PUT",
            path,
            event("New Year Live", "Ren Aoki", 11_000, 7_500));
    assertEquals(201, pushed.status(), pushed.text());
    assertEquals(
        200,
        client
            .asIssuer(
                "budokan-promo",
                promoter,
                "PUT",
                path,
                event("New Year Live II", "Ren Aoki", 11_000, 7_000))
            .status(),
        "pushing again updates details and prices of available seats");

    ObjectNode pass =
        CenterClient.object()
            .put("cardType", "COMMUTER_PASS")
            .put("name", "Shinjuku-Chofu 1 month")
            .put("priceYen", 9_870);
    pass.putObject("section")
        .put("line", "Keio Line")
        .put("fromStation", "Shinjuku")
        .put("toStation", "Chofu")
        .put("periodDays", 30);
    assertEquals(
        201,
        client
            .asIssuer(
                "keio-rail",
                railway,
                "PUT",
                "/v1/issuers/keio-rail/products/keio-shinjuku-chofu-1m",
                pass)
            .status());

    JsonNode types = client.get("/v1/catalog/card-types").body().get("cardTypes");
    assertEquals("EVENT_TICKET", types.get(0).get("cardType").asText());
    assertEquals(
        3,
        types.get(0).get("offers").asInt(),
        "the seeded concert and train (reserved seats) and the pushed concert");
    assertEquals(1, types.get(1).get("offers").asInt(), "one commuter pass");

    JsonNode genres = client.get("/v1/catalog/genres").body().get("genres");
    assertTrue(genres.toString().contains("コンサート"), genres.toString());
    JsonNode artists =
        client.get("/v1/catalog/genres/" + seg("コンサート") + "/artists").body().get("artists");
    assertEquals("Ren Aoki", artists.get(0).get("name").asText());
    JsonNode events =
        client
            .get("/v1/catalog/genres/" + seg("コンサート") + "/artists/" + seg("Ren Aoki") + "/events")
            .body()
            .get("events");
    assertEquals(1, events.size());
    assertEquals("New Year Live II", events.get(0).get("title").asText());
    assertEquals(7_000, events.get(0).get("priceFromYen").asLong(), "re-priced");
    assertEquals("2027-01-15T18:30:00+09:00", events.get(0).get("startsAt").asText());

    JsonNode sections =
        client.get("/v1/events/evt-2027-01-15-budokan/availability").body().get("sections");
    assertEquals("S", sections.get(0).get("section").asText());
    assertEquals(10, sections.get(0).get("availableSeats").asInt());
    assertEquals("AVAILABLE", sections.get(0).get("availability").asText());
    assertEquals(
        20, client.get("/v1/events/evt-2027-01-15-budokan/seats").body().get("seats").size());

    CenterClient.Answer image = client.get("/v1/events/evt-2027-01-15-budokan/image");
    assertEquals("image/png", image.contentType());
    assertArrayEquals(PNG, image.raw());

    JsonNode products =
        client.get("/v1/catalog/card-types/COMMUTER_PASS/products").body().get("products");
    assertEquals(9_870, products.get(0).get("priceYen").asLong());
    assertEquals("Chofu", products.get(0).get("section").get("toStation").asText());
    assertEquals(404, client.get("/v1/catalog/genres/opera/artists").status());
  }

  @Test
  void availabilityShowsFewLeftAndSoldOut() {
    String promoter = newIssuer("small-hall", "PROMOTER");
    ObjectNode e = event("Tiny Gig", "Duo", 5_000, 4_000);
    client.asIssuer("small-hall", promoter, "PUT", "/v1/issuers/small-hall/events/evt-tiny", e);
    for (int n = 1; n <= 9; n++) {
      ObjectNode r =
          CenterClient.object()
              .put("eventId", "evt-tiny")
              .put("cardId", "CARD-0001")
              .put("requestNumber", "REQ-" + n);
      r.putArray("seatIds").add("A-1-" + n);
      assertEquals(201, client.post("/v1/reservations", r, "ATM-0001").status());
    }
    JsonNode sections = client.get("/v1/events/evt-tiny/availability").body().get("sections");
    assertEquals("A", sections.get(1).get("section").asText());
    assertEquals("FEW_LEFT", sections.get(1).get("availability").asText(), "1 of 10 left");
    ObjectNode r =
        CenterClient.object()
            .put("eventId", "evt-tiny")
            .put("cardId", "CARD-0001")
            .put("requestNumber", "REQ-10");
    r.putArray("seatIds").add("A-1-10");
    client.post("/v1/reservations", r, "ATM-0001");
    sections = client.get("/v1/events/evt-tiny/availability").body().get("sections");
    assertEquals("SOLD_OUT", sections.get(1).get("availability").asText());
  }

  @Test
  void pushesAreSignedByTheOwningIssuerAndKeepHeldSeatTerms() {
    String promoter = newIssuer("alpha-promo", "PROMOTER");
    String rival = newIssuer("beta-promo", "PROMOTER");
    String path = "/v1/issuers/alpha-promo/events/evt-alpha";
    ObjectNode e = event("Alpha", "A", 9_000, 6_000);

    CenterClient.Answer unsigned = client.post(path, e, "ATM-0001");
    assertEquals(405, unsigned.status(), "no POST here");
    CenterClient.Answer wrongSecret = client.asIssuer("alpha-promo", rival, "PUT", path, e);
    assertEquals(401, wrongSecret.status());
    assertEquals("BAD_SIGNATURE", wrongSecret.error());
    CenterClient.Answer otherAccount = client.asIssuer("beta-promo", rival, "PUT", path, e);
    assertEquals(403, otherAccount.status());
    assertEquals("NOT_YOUR_ACCOUNT", otherAccount.error());
    assertEquals(201, client.asIssuer("alpha-promo", promoter, "PUT", path, e).status());
    CenterClient.Answer stolen =
        client.asIssuer("beta-promo", rival, "PUT", "/v1/issuers/beta-promo/events/evt-alpha", e);
    assertEquals(403, stolen.status());
    assertEquals("NOT_YOUR_EVENT", stolen.error());
    assertEquals("eventId", stolen.body().get("field").asText());

    ObjectNode pass =
        CenterClient.object()
            .put("cardType", "COMMUTER_PASS")
            .put("name", "x")
            .put("priceYen", 100);
    pass.putObject("section")
        .put("line", "L")
        .put("fromStation", "a")
        .put("toStation", "b")
        .put("periodDays", 30);
    CenterClient.Answer wrongKind =
        client.asIssuer(
            "alpha-promo", promoter, "PUT", "/v1/issuers/alpha-promo/products/p-1", pass);
    assertEquals(422, wrongKind.status());
    assertEquals("cardType", wrongKind.body().get("field").asText());

    ObjectNode hold =
        CenterClient.object()
            .put("eventId", "evt-alpha")
            .put("cardId", "CARD-0001")
            .put("requestNumber", "REQ-1");
    hold.putArray("seatIds").add("S-1-1");
    assertEquals(201, client.post("/v1/reservations", hold, "ATM-0001").status());
    CenterClient.Answer reprice =
        client.asIssuer("alpha-promo", promoter, "PUT", path, event("Alpha", "A", 9_500, 6_500));
    assertEquals(409, reprice.status());
    assertEquals("SEAT_NOT_AVAILABLE", reprice.error());
    assertEquals("seats", reprice.body().get("field").asText());
    JsonNode sections = client.get("/v1/events/evt-alpha/availability").body().get("sections");
    assertEquals(
        9_000, sections.get(0).get("priceYen").asLong(), "nothing of the refused push stays");
    assertEquals(6_000, sections.get(1).get("priceYen").asLong());

    assertEquals(
        401, client.get("/v1/settlements/2026-12").status(), "operator routes need the token");
  }
}
