package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.testdb.TestStore;
import org.junit.jupiter.api.Test;

/**
 * F13 at the center over plain HTTP: a registered user sets the home password and stored card at a
 * branch terminal with the PIN (the card answered masked, never whole), and a home PC's login or
 * payment is refused unless it arrives over TLS (the TLS side is HomePcTlsIntegrationTest and the
 * home-pc-registered scenario in the simulator).
 */
class HomeAccessIntegrationTest extends CenterTestBase {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  private ObjectNode access(String pin) {
    ObjectNode a = CenterClient.object().put("pin", pin).put("password", "hanako-at-home");
    a.putObject("card").put("number", "4111110000002225").put("expiry", "3012");
    return a;
  }

  @Test
  void homeAccessIsSetWithThePinAndLoginNeedsTls() throws Exception {
    ObjectNode user =
        CenterClient.object()
            .put("userId", "hanako01")
            .put("name", "Hanako Sato")
            .put("phone", "03-1234-5678")
            .put("address", "Chiyoda, Tokyo")
            .put("pin", "4827");
    assertEquals(201, client.post("/v1/users", user, "ATM-0001").status());

    CenterClient.Answer wrongPin =
        client.post("/v1/users/hanako01/home-access", access("0000"), "ATM-0001");
    assertEquals(401, wrongPin.status(), wrongPin.text());

    CenterClient.Answer set =
        client.post("/v1/users/hanako01/home-access", access("4827"), "ATM-0001");
    assertEquals(200, set.status(), set.text());
    assertEquals("411111******2225", set.body().get("maskedCard").asText());
    assertFalse(set.text().contains("4111110000002225"), "the card number is never answered");
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
      for (java.nio.file.Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        assertFalse(
            new String(
                    java.nio.file.Files.readAllBytes(f),
                    java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("4111110000002225"),
            "the stored card is sealed, not in clear in " + f);
      }
    }

    CenterClient.Answer login =
        client.post(
            "/v1/home/sessions",
            CenterClient.object().put("userId", "hanako01").put("password", "hanako-at-home"),
            "ATM-0001");
    assertEquals(403, login.status(), login.text());
    assertEquals("TLS_REQUIRED", login.error());
    CenterClient.Answer pay =
        client.post(
            "/v1/home/payments",
            CenterClient.object().put("reference", "R-1").put("amountYen", 1_000),
            "ATM-0001");
    assertEquals("TLS_REQUIRED", pay.error(), pay.text());
    CenterClient.Answer link =
        client.post(
            "/v1/home/cards",
            CenterClient.object()
                .put("cardId", "CARD-HOME")
                .set("cardProof", cardProof("CARD-HOME", "ATM-0001")),
            "ATM-0001");
    assertEquals("TLS_REQUIRED", link.error(), "a home PC records its card over TLS only");
  }
}
