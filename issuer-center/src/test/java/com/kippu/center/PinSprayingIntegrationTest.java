package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kippu.center.testdb.TestStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Security: PIN spraying from one terminal (one guess at each of many user ids, under every user's
 * own lockout) is throttled at the terminal; other terminals and, after the window, the terminal
 * itself serve users again; no user was locked by it.
 */
class PinSprayingIntegrationTest extends CenterTestBase {
  private static final int LIMIT = 6;

  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  @Override
  UserSecurity userSecurity() {
    return super.userSecurity().withTerminalLimit(LIMIT, Duration.ofMinutes(15));
  }

  private CenterClient.Answer recall(String user, String pin, String terminal) {
    return client.post(
        "/v1/users/" + user + "/purchases", CenterClient.object().put("pin", pin), terminal);
  }

  @Test
  void sprayingOneGuessAcrossUserIdsFromOneTerminalIsThrottled() {
    for (int i = 1; i <= 10; i++) {
      CenterClient.Answer a =
          client.post(
              "/v1/users",
              CenterClient.object()
                  .put("userId", String.format("user%04d", i))
                  .put("name", "利用者 " + i)
                  .put("phone", "03-0000-000" + (i % 10))
                  .put("address", "Tokyo")
                  .put("pin", String.format("%04d", 5000 + i)),
              "ATM-0009");
      assertEquals(201, a.status(), a.text());
    }
    for (int i = 1; i < LIMIT; i++) {
      CenterClient.Answer guess = recall(String.format("user%04d", i), "1234", "ATM-0001");
      assertEquals(401, guess.status(), "guess " + i + ": " + guess.text());
    }
    CenterClient.Answer last = recall("user0006", "1234", "ATM-0001");
    assertEquals(401, last.status(), "the guess that reaches the limit is still only wrong");
    for (int i = 7; i <= 10; i++) {
      CenterClient.Answer blocked = recall(String.format("user%04d", i), "1234", "ATM-0001");
      assertEquals(429, blocked.status(), blocked.text());
      assertEquals("TERMINAL_THROTTLED", blocked.error());
    }
    assertEquals(
        429,
        recall("user0008", "5008", "ATM-0001").status(),
        "even the right PIN is not looked at from a throttled terminal");
    assertEquals(
        429,
        client
            .post(
                "/v1/users/user0008/cards/CARD-X/lost",
                CenterClient.object().put("pin", "5008"),
                "ATM-0001")
            .status(),
        "the throttle covers every route a PIN opens");
    assertEquals(200, recall("user0008", "5008", "ATM-0002").status(), "other terminals serve");
    for (int i = 1; i <= 6; i++) {
      String user = String.format("user%04d", i);
      assertEquals(
          200,
          recall(user, String.format("%04d", 5000 + i), "ATM-0002").status(),
          user + " was not locked by one wrong PIN");
    }
    clock.advance(Duration.ofMinutes(16));
    assertEquals(200, recall("user0009", "5009", "ATM-0001").status(), "after the window");
  }
}
