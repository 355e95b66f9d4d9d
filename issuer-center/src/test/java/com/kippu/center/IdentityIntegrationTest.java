package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.testdb.TestStore;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A registration's identity (S2 ¶35, ¶37, ¶39): an operator who saw the user's document records the
 * check, with the face photo taken at the counter or without; the user stores a face photo at a
 * terminal with their PIN. Only a PNG is a photo; only a registered user is checked; the recall
 * answers both.
 */
class IdentityIntegrationTest extends CenterTestBase {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
  private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16};

  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  @BeforeEach
  void registered() {
    ObjectNode user =
        CenterClient.object()
            .put("userId", "hanako01")
            .put("name", "Hanako Sato")
            .put("phone", "03-1234-5678")
            .put("address", "Chiyoda, Tokyo")
            .put("pin", "4827");
    assertEquals(201, client.post("/v1/users", user, "ATM-0001").status());
  }

  private CenterClient.Answer check(String user, ObjectNode body) {
    return client.admin("POST", "/v1/admin/users/" + user + "/identity-check", body);
  }

  private JsonNode recall() {
    CenterClient.Answer a =
        client.post(
            "/v1/users/hanako01/purchases", CenterClient.object().put("pin", "4827"), "ATM-0001");
    assertEquals(200, a.status(), a.text());
    return a.body();
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Test
  void anOperatorChecksARegisteredUsersDocumentWithTheCounterPhoto() {
    assertFalse(recall().get("identityChecked").asBoolean());
    CenterClient.Answer unknown =
        check("nobody01", CenterClient.object().put("document", "driving licence"));
    assertEquals(404, unknown.status(), unknown.text());
    assertEquals("USER_NOT_FOUND", unknown.error());
    CenterClient.Answer jpeg =
        check(
            "hanako01",
            CenterClient.object().put("document", "passport").put("facePhoto", base64(JPEG)));
    assertEquals(422, jpeg.status(), jpeg.text());
    assertEquals("INVALID_PHOTO", jpeg.error());
    CenterClient.Answer noDocument = check("hanako01", CenterClient.object());
    assertEquals(400, noDocument.status(), noDocument.text());
    assertEquals("document", noDocument.body().get("field").asText());
    assertFalse(recall().get("identityChecked").asBoolean(), "no refused check counts");

    CenterClient.Answer checked =
        check(
            "hanako01",
            CenterClient.object().put("document", "passport").put("facePhoto", base64(PNG)));
    assertEquals(200, checked.status(), checked.text());
    assertEquals("operator", checked.body().get("checkedBy").asText());
    assertEquals("passport", checked.body().get("document").asText());
    JsonNode recalled = recall();
    assertTrue(recalled.get("identityChecked").asBoolean());
    assertEquals(base64(PNG), recalled.get("facePhoto").asText());
  }

  @Test
  void theUserStoresAFacePhotoWithTheirPin() {
    CenterClient.Answer wrongPin =
        client.post(
            "/v1/users/hanako01/photo",
            CenterClient.object().put("pin", "0000").put("png", base64(PNG)),
            "ATM-0001");
    assertEquals(401, wrongPin.status(), wrongPin.text());
    CenterClient.Answer jpeg =
        client.post(
            "/v1/users/hanako01/photo",
            CenterClient.object().put("pin", "4827").put("png", base64(JPEG)),
            "ATM-0001");
    assertEquals(422, jpeg.status(), jpeg.text());
    assertEquals("INVALID_PHOTO", jpeg.error());
    assertFalse(recall().has("facePhoto"), "nothing stored");

    CenterClient.Answer stored =
        client.post(
            "/v1/users/hanako01/photo",
            CenterClient.object().put("pin", "4827").put("png", base64(PNG)),
            "ATM-0001");
    assertEquals(200, stored.status(), stored.text());
    assertEquals(PNG.length, stored.body().get("bytes").asInt());
    assertEquals(base64(PNG), recall().get("facePhoto").asText());
    assertFalse(recall().get("identityChecked").asBoolean(), "a photo is not a check");
  }
}
