package com.kippu.simulator;

import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

/**
 * The checks of a home PC set-up made at registration (F12, F13, S2 ¶46): the center stores the
 * card sealed and masked, the customer saw it masked, and neither the card number nor the password
 * is in the terminal's journal or on the slip.
 */
final class HomeAccessCheck {
  private HomeAccessCheck() {}

  static void check(
      DemoRun run,
      ScriptedCustomer script,
      SessionOutcome registered,
      String user,
      String pan,
      String password)
      throws Exception {
    String last4 = pan.substring(pan.length() - 4);
    String shown =
        script.transcript().stream()
            .filter(s -> s.id().equals("home-access-set"))
            .map(s -> s.lines().toString())
            .findFirst()
            .orElse("");
    run.check(
        shown.contains(last4) && !shown.contains(pan),
        "the home PC access was set at registration; the card shown masked: " + shown);
    Path db = run.branch().dir().resolve("issuer-center.db");
    String masked = "";
    byte[] sealed = new byte[0];
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT card_masked, card_sealed FROM home_access WHERE user_id = ?")) {
      ps.setString(1, user);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          masked = rs.getString(1);
          sealed = rs.getBytes(2);
        }
      }
    }
    run.out().println("  [center] home access of " + user + ": card " + masked);
    run.check(
        masked.endsWith(last4)
            && !masked.contains(pan)
            && !new String(sealed, StandardCharsets.ISO_8859_1).contains(pan),
        "the center stores the card sealed, shown only masked: " + masked);
    List<JournalEntry> journal = KioskScenarios.journal(run, registered);
    String journaled = journal.toString();
    run.check(
        !journaled.contains(pan) && !journaled.contains(password) && journaled.contains(masked),
        "journal: the card masked only, the password nowhere");
    String receipt = run.latestReceipt().map(ReservationScenarios::read).orElse("");
    run.check(
        receipt.contains("HOME PC CARD " + masked) && !receipt.contains(pan),
        "the registration slip names the stored card masked");
  }
}
