package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * A registered user's sign-in grant (F12 with F7): given at the PIN-checked recall, it links the
 * card bought in that session in place of the PIN, with the card's own answer, from the terminal it
 * was given to only, for one card only; a repeat for the same card still links it.
 */
abstract class SignInGrantIntegrationTest extends CenterTestBase {
  private static final String KIOSK = "KIOSK-0001";

  private String signIn(String user, String pin) {
    assertEquals(
        201,
        client
            .post(
                "/v1/users",
                CenterClient.object()
                    .put("userId", user)
                    .put("name", "Hanako Yamada")
                    .put("phone", "03-1234-5678")
                    .put("address", "Chiyoda, Tokyo")
                    .put("pin", pin),
                KIOSK)
            .status());
    CenterClient.Answer recall =
        client.post(
            "/v1/users/" + user + "/purchases", CenterClient.object().put("pin", pin), KIOSK);
    assertEquals(200, recall.status(), recall.text());
    JsonNode grant = recall.body().path("signInGrant");
    assertFalse(grant.path("grantId").asText().isEmpty(), recall.text());
    assertFalse(grant.path("expiresAt").asText().isEmpty(), recall.text());
    return grant.path("grantId").asText();
  }

  private CenterClient.Answer link(String user, String grant, String card, String terminal) {
    ObjectNode body =
        CenterClient.object()
            .put("signInGrant", grant)
            .put("cardId", card)
            .set("cardProof", cardProof(card, terminal));
    return client.post("/v1/users/" + user + "/cards", body, terminal);
  }

  @Test
  void aSignInLinksItsOneCardWithoutThePinAndAgainAfterALostAnswer() {
    String grant = signIn("hanako01", "4321");
    CenterClient.Answer linked = link("hanako01", grant, "CARD-K1", KIOSK);
    assertEquals(200, linked.status(), linked.text());
    assertEquals("CARD-K1", linked.body().path("cardId").asText());
    CenterClient.Answer again = link("hanako01", grant, "CARD-K1", KIOSK);
    assertEquals(200, again.status(), "a repeat for the same card: " + again.text());
    CenterClient.Answer recall =
        client.post(
            "/v1/users/hanako01/purchases", CenterClient.object().put("pin", "4321"), KIOSK);
    assertEquals(1, recall.body().path("cards").size(), recall.text());
    assertEquals("CARD-K1", recall.body().path("cards").get(0).path("cardId").asText());
  }

  @Test
  void aSignInLinksNoSecondCardNorFromAnotherTerminalNorForAnotherUser() {
    String grant = signIn("hanako02", "4321");
    signIn("taro0001", "2468");
    CenterClient.Answer elsewhere = link("hanako02", grant, "CARD-K2", "KIOSK-0002");
    assertEquals(403, elsewhere.status(), elsewhere.text());
    assertEquals("SIGN_IN_NOT_VALID", elsewhere.error(), elsewhere.text());
    CenterClient.Answer otherUser = link("taro0001", grant, "CARD-K2", KIOSK);
    assertEquals(403, otherUser.status(), otherUser.text());
    CenterClient.Answer unknown = link("hanako02", "SG-0000", "CARD-K2", KIOSK);
    assertEquals(403, unknown.status(), unknown.text());
    assertEquals(200, link("hanako02", grant, "CARD-K2", KIOSK).status());
    CenterClient.Answer second = link("hanako02", grant, "CARD-K3", KIOSK);
    assertEquals(403, second.status(), second.text());
    assertTrue(second.text().contains("another card"), second.text());
  }
}
