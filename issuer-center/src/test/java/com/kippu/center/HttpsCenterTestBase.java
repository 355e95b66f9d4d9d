package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;

/**
 * A center served over HTTPS (a test key store), and a client that trusts it: the home PC's way.
 */
abstract class HttpsCenterTestBase extends CenterTestBase {
  private Path keyStore;

  @Override
  CenterConfig adjusted(CenterConfig config) throws Exception {
    keyStore = TestTls.keyStore(dir);
    return config.withTls(new TlsSettings(keyStore, TestTls.PASSWORD));
  }

  @Override
  CenterClient client(URI base) throws Exception {
    return new CenterClient(base, clock, TestTls.trusting(keyStore));
  }

  /** Registers Hanako at an ATM, with home access: her password and a stored credit card. */
  void registerHomeUser() {
    ObjectNode user =
        CenterClient.object()
            .put("userId", "hanako01")
            .put("name", "Hanako Sato")
            .put("phone", "03-1234-5678")
            .put("address", "Chiyoda, Tokyo")
            .put("pin", "4827");
    assertEquals(201, client.post("/v1/users", user, "ATM-0001").status());
    ObjectNode access = CenterClient.object().put("pin", "4827").put("password", "hanako-at-home");
    access.putObject("card").put("number", "4111110000002225").put("expiry", "3012");
    assertEquals(200, client.post("/v1/users/hanako01/home-access", access, "ATM-0001").status());
  }

  /** Hanako logged in at home PC {@code terminal}: the session's token. */
  String homeSession(String terminal) {
    CenterClient.Answer login =
        client.post(
            "/v1/home/sessions",
            CenterClient.object().put("userId", "hanako01").put("password", "hanako-at-home"),
            terminal);
    assertEquals(200, login.status(), login.text());
    return login.body().get("session").asText();
  }
}
