package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.home.BankAuthorizer;
import com.kippu.center.home.CardAuthorizer;
import com.kippu.center.home.HomeRails;
import com.kippu.center.terminal.CenterPinKeys;
import com.kippu.center.testdb.TestStore;
import com.kippu.center.user.AccountPan;
import com.kippu.center.user.FakePinPad;
import com.kippu.center.user.PinBlocks;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * F13 online banking with the PIN from the home PC's PIN pad (S2 ¶38, ¶51): the order carries a
 * format 0 block formed for the paying account's cash card number under the terminal's center PIN
 * key, and the center opens it as every PIN route does: the right block reaches the bank with its
 * PIN, a wrong PIN is the bank's decline, a block made under an old key is 409 STALE_PIN_KEY, from
 * a terminal without a key 409 NO_PIN_KEY, and a block that does not open (made for another
 * account) counts towards the terminal's throttle (401, then 429), the bank never asked.
 */
class HomeBankPinBlockIntegrationTest extends HttpsCenterTestBase {
  private static final int TERMINAL_LIMIT = 3;
  private static final String TERMINAL = "HOME-0002";
  private static final String ACCOUNT = "0001-001-1234567";
  private static final String OTHER_ACCOUNT = "0001-001-7654321";
  private static final String PAYEE = "0001-999-0000001";
  private static final String PIN = "8264";

  private final List<String> asked = new ArrayList<>();
  private byte[] master;

  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  @Override
  UserSecurity userSecurity() {
    return super.userSecurity().withTerminalLimit(TERMINAL_LIMIT, Duration.ofMinutes(15));
  }

  @Override
  HomeRails homeRails() {
    return new HomeRails(
        CardAuthorizer.NONE,
        new BankAuthorizer() {
          @Override
          public synchronized CardAuthorizer.Authorization transfer(
              String reference, String from, char[] pin, String to, long amountYen) {
            boolean pinOk = new String(pin).equals(PIN);
            asked.add(reference + (pinOk ? " pin ok" : " pin wrong"));
            String code = pinOk ? "00" : "55";
            return new CardAuthorizer.Authorization(
                code,
                "RRN" + String.format("%09d", asked.size()),
                pinOk ? "B00001" : "",
                String.format("%06d", asked.size()),
                Instant.parse("2026-12-01T01:00:00Z"));
          }

          @Override
          public boolean reverse(String reference) {
            return true;
          }
        });
  }

  @BeforeEach
  void setUpUserAndTerminal() {
    registerHomeUser();
    CenterClient.Answer registered =
        client.admin(
            "PUT", "/v1/admin/terminals/" + TERMINAL, CenterClient.object().put("kind", "ATM"));
    assertEquals(201, registered.status(), registered.text());
    master =
        CenterPinKeys.masterKey(
            registered.body().get("secret").asText().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theBlockOpensToThePinTheBankChecks() {
    String session = logIn(TERMINAL);
    byte[] key = pinKey();

    CenterClient.Answer paid = pay(session, TERMINAL, "R-1", block(key, PIN, ACCOUNT));
    CenterClient.Answer wrong = pay(session, TERMINAL, "R-2", block(key, "1111", ACCOUNT));

    assertEquals(200, paid.status(), paid.text());
    assertEquals("APPROVED", paid.body().get("status").asText());
    assertEquals(200, wrong.status(), wrong.text());
    assertEquals("DECLINED", wrong.body().get("status").asText(), "a wrong PIN is the bank's");
    assertEquals("55", wrong.body().get("responseCode").asText());
    assertEquals(List.of("R-1 pin ok", "R-2 pin wrong"), asked);
  }

  @Test
  void aBlockUnderAnOldKeyOrFromATerminalWithoutKeysIsRefused() {
    String session = logIn(TERMINAL);
    byte[] old = pinKey();
    pinKey();

    CenterClient.Answer stale = pay(session, TERMINAL, "R-3", block(old, PIN, ACCOUNT));
    String keyless = logIn("HOME-0001");
    CenterClient.Answer noKey = pay(keyless, "HOME-0001", "R-4", block(old, PIN, ACCOUNT));

    assertEquals(409, stale.status(), stale.text());
    assertEquals("STALE_PIN_KEY", stale.error());
    assertEquals(409, noKey.status(), noKey.text());
    assertEquals("NO_PIN_KEY", noKey.error());
    assertTrue(asked.isEmpty(), "the bank is asked nothing");
  }

  @Test
  void aBlockMadeForAnotherAccountCountsTowardsTheTerminalsThrottle() {
    String session = logIn(TERMINAL);
    byte[] key = pinKey();
    ObjectNode elsewhere = block(key, PIN, OTHER_ACCOUNT);

    for (int i = 1; i <= TERMINAL_LIMIT; i++) {
      CenterClient.Answer unreadable = pay(session, TERMINAL, "R-5" + i, elsewhere);
      assertEquals(401, unreadable.status(), unreadable.text());
      assertEquals("AUTH_FAILED", unreadable.error());
    }
    CenterClient.Answer blocked = pay(session, TERMINAL, "R-59", elsewhere);

    assertEquals(429, blocked.status(), blocked.text());
    assertEquals("TERMINAL_THROTTLED", blocked.error());
    assertTrue(asked.isEmpty(), "the bank is asked nothing");
  }

  private String logIn(String terminal) {
    CenterClient.Answer login =
        client.post(
            "/v1/home/sessions",
            CenterClient.object().put("userId", "hanako01").put("password", "hanako-at-home"),
            terminal);
    assertEquals(200, login.status(), login.text());
    return login.body().get("session").asText();
  }

  /** A fresh PIN key for the terminal, as its PIN pad recovers it under its master key. */
  private byte[] pinKey() {
    CenterClient.Answer a = client.post("/v1/terminals/pin-key", CenterClient.object(), TERMINAL);
    assertEquals(200, a.status(), a.text());
    return FakePinPad.key(master, a.body().get("keyUnderMaster").asText());
  }

  private static ObjectNode block(byte[] key, String pin, String formedFor) {
    return CenterClient.object()
        .put("block", FakePinPad.block(key, pin, AccountPan.of(formedFor)))
        .put("keyCheckValue", PinBlocks.checkValue(key));
  }

  private CenterClient.Answer pay(
      String session, String terminal, String reference, ObjectNode pinBlock) {
    ObjectNode body = CenterClient.object().put("reference", reference).put("amountYen", 8_800);
    ObjectNode order =
        body.putObject("onlineBanking").put("account", ACCOUNT).put("payeeAccount", PAYEE);
    order.set("pinBlock", pinBlock);
    return client.send(
        HttpRequest.newBuilder(server.baseUri().resolve("/v1/home/payments"))
            .header("Content-Type", "application/json")
            .header("X-Terminal-Id", terminal)
            .header("X-Home-Session", session)
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    body.toString().getBytes(StandardCharsets.UTF_8)))
            .build());
  }
}
