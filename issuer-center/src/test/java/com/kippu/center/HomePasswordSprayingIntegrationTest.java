package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.testdb.TestStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Security (F13): the home PC's password is a user secret like the PIN. Password spraying from one
 * home PC (one guess at each of many user ids) is throttled at that terminal, and wrong passwords
 * count towards the same per-user lockout as wrong PINs, so switching secrets gains a guesser
 * nothing. Over HTTPS, as the home PC routes are served only there.
 */
class HomePasswordSprayingIntegrationTest extends HttpsCenterTestBase {
  private static final int LIMIT = 6;

  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  @Override
  UserSecurity userSecurity() {
    return super.userSecurity().withTerminalLimit(LIMIT, Duration.ofMinutes(15));
  }

  private static String user(int i) {
    return String.format("user%04d", i);
  }

  private static String pin(int i) {
    return String.format("%04d", 5000 + i);
  }

  /** Registers users 1..n at a branch terminal, each with a home password "home-pw-i". */
  private void register(int n) {
    for (int i = 1; i <= n; i++) {
      CenterClient.Answer a =
          client.post(
              "/v1/users",
              CenterClient.object()
                  .put("userId", user(i))
                  .put("name", "利用者 " + i)
                  .put("phone", "03-0000-000" + (i % 10))
                  .put("address", "Tokyo")
                  .put("pin", pin(i)),
              "ATM-0009");
      assertEquals(201, a.status(), a.text());
      ObjectNode access = CenterClient.object().put("pin", pin(i)).put("password", "home-pw-" + i);
      access.putObject("card").put("number", "4111110000002225").put("expiry", "3012");
      CenterClient.Answer set =
          client.post("/v1/users/" + user(i) + "/home-access", access, "ATM-0009");
      assertEquals(200, set.status(), set.text());
    }
  }

  private CenterClient.Answer login(int i, String password, String terminal) {
    return client.post(
        "/v1/home/sessions",
        CenterClient.object().put("userId", user(i)).put("password", password),
        terminal);
  }

  @Test
  void sprayingOnePasswordAcrossUserIdsFromOneHomePcIsThrottled() {
    register(10);

    for (int i = 1; i <= LIMIT; i++) {
      CenterClient.Answer guess = login(i, "password1", "HOME-0001");
      assertEquals(401, guess.status(), "guess " + i + ": " + guess.text());
      assertEquals("AUTH_FAILED", guess.error());
    }
    for (int i = 7; i <= 10; i++) {
      CenterClient.Answer blocked = login(i, "password1", "HOME-0001");
      assertEquals(429, blocked.status(), blocked.text());
      assertEquals("TERMINAL_THROTTLED", blocked.error());
    }
    assertEquals(
        429,
        login(8, "home-pw-8", "HOME-0001").status(),
        "even the right password is not looked at from a throttled home PC");
    assertEquals(200, login(8, "home-pw-8", "HOME-0002").status(), "other home PCs serve");
    for (int i = 1; i <= LIMIT; i++) {
      assertEquals(
          200,
          login(i, "home-pw-" + i, "HOME-0002").status(),
          user(i) + " was not locked by one wrong password");
    }
    clock.advance(Duration.ofMinutes(16));
    assertEquals(200, login(9, "home-pw-9", "HOME-0001").status(), "after the window");
  }

  @Test
  void wrongPasswordsLockTheUserLikeWrongPins() {
    register(1);

    for (int attempt = 1; attempt < BusinessRules.DEFAULT_MAX_PIN_FAILURES; attempt++) {
      assertEquals(401, login(1, "wrong-password-" + attempt, "HOME-000" + attempt).status());
    }
    CenterClient.Answer locked = login(1, "wrong-password-last", "HOME-0009");
    assertEquals(423, locked.status(), locked.text());
    assertEquals("USER_LOCKED", locked.error());
    assertEquals(423, login(1, "home-pw-1", "HOME-0008").status(), "locked: right password too");
    CenterClient.Answer atm =
        client.post(
            "/v1/users/" + user(1) + "/purchases",
            CenterClient.object().put("pin", pin(1)),
            "ATM-0001");
    assertEquals(423, atm.status(), "one lockout for every secret of the user: " + atm.text());
  }
}
