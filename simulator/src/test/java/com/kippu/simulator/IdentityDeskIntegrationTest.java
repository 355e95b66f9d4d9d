package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.atm.spi.TerminalProfile;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk's operator mode checks a registered user's identity at the center (S2 ¶35), which the
 * recall then answers; an unknown user id or a malformed line checks nothing.
 */
class IdentityDeskIntegrationTest {
  @TempDir Path dir;

  @Test
  void theOperatorChecksARegistrationAndTheRecallSaysSo() throws Exception {
    try (Branch branch =
        Branch.open(
            dir,
            Clock.systemUTC(),
            Branch.TERMINAL_ID,
            Branch.PRESENT_TIMEOUT,
            TerminalProfile.Kind.KIOSK)) {
      CenterCalls center = new CenterCalls(branch);
      ObjectNode user =
          CenterCalls.JSON
              .createObjectNode()
              .put("userId", "akiko001")
              .put("name", "山田明子")
              .put("phone", "03-1111-2222")
              .put("address", "東京都港区1-1")
              .put("pin", "5678");
      CenterCalls.expect(center.asTerminal("/v1/users", user), "register");
      ObjectNode pin = CenterCalls.JSON.createObjectNode().put("pin", "5678");
      assertEquals(
          false,
          center
              .asTerminal("/v1/users/akiko001/purchases", pin)
              .body()
              .path("identityChecked")
              .asBoolean(),
          "not checked at registration");

      assertTrue(desk(branch, "nobody01 PASSPORT").contains("Not checked"), "an unknown user id");
      assertTrue(desk(branch, "akiko001").contains("Nothing checked"), "no document named");
      String said = desk(branch, "akiko001 DRIVERS_LICENSE");
      assertTrue(said.contains("Identity of akiko001 checked by"), said);

      assertEquals(
          true,
          center
              .asTerminal("/v1/users/akiko001/purchases", pin)
              .body()
              .path("identityChecked")
              .asBoolean(),
          "the recall answers the check");
    }
  }

  private static String desk(Branch branch, String line) throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
    assertTrue(
        new Operator(branch, new BufferedReader(new StringReader(line + "\n")), out)
            .throwSwitch("identity-check"));
    return text.toString(StandardCharsets.UTF_8);
  }
}
