package com.kippu.simulator.crash;

import com.kippu.devices.sim.CardImages;
import com.kippu.simulator.Branch;
import com.kippu.simulator.crash.CrashScenario.Payment;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each rail's own records say about the branch's payments, read straight from its files (the
 * bank host's and the card network's databases, the center's payment proofs, the purse's value log
 * on the card image): the sweep's scenarios weigh money and find standing payments here, never
 * through the terminal that may be wrong.
 */
final class RailRecords {
  /** One line of the purse's value log as the card image's dump shows it. */
  private static final Pattern VALUE_LINE =
      Pattern.compile("^\\s*value #(\\d+)\\s+([+-]\\d+) yen ->\\s+(\\d+) yen\\s+(\\S+)\\s*$");

  private static final Pattern PURSE_BALANCE = Pattern.compile("e-money\\s+(\\d+) yen");

  private RailRecords() {}

  /** One value movement the card recorded: + added, - subtracted. */
  record ValueRecord(int sequence, long deltaYen, long balanceYen, String transactionId) {}

  /**
   * The bank host's movements of {@code kind} (TRANSFER, DEBIT, DEPOSIT) from the branch's terminal
   * that stand (APPLIED: not reversed, voided or declined), keyed by STAN.
   */
  static Set<Payment> bankMovements(Path dir, String kind) throws SQLException {
    return payments(
        dir.resolve("bank-host.db"),
        "SELECT stan, amount_yen FROM movements"
            + " WHERE terminal_id = ? AND kind = ? AND status = 'APPLIED'",
        Branch.TERMINAL_ID,
        kind);
  }

  /**
   * The card network's authorizations from the branch's terminal on the card shown as {@code
   * masked} that stand (APPLIED: not reversed or declined), keyed by STAN.
   */
  static Set<Payment> cardAuthorizations(Path dir, String masked) throws SQLException {
    return payments(
        dir.resolve("card-network.db"),
        "SELECT a.stan, a.amount_yen FROM authorizations a JOIN cards c ON c.token = a.card_token"
            + " WHERE a.terminal_id = ? AND c.display = ? AND a.status = 'APPLIED'",
        Branch.TERMINAL_ID,
        masked);
  }

  /**
   * The e-money value the center took as payment for reservations from the branch's terminal
   * (payment proofs of method EMONEY used for a reservation, received by the issuer).
   */
  static long emoneyReceivedByIssuer(Path dir) throws SQLException {
    try (Connection c = open(dir.resolve("issuer-center.db"));
        PreparedStatement q =
            c.prepareStatement(
                "SELECT COALESCE(SUM(amount_yen), 0) FROM payment WHERE method = 'EMONEY'"
                    + " AND use_kind = 'RESERVATION' AND received_by = 'ISSUER'"
                    + " AND terminal_id = ?")) {
      q.setString(1, Branch.TERMINAL_ID);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The purse balance on the card image {@code card}: its last value record's, or the opening. */
  static long purseYen(Path card) throws IOException {
    Matcher m = PURSE_BALANCE.matcher(CardImages.dump(card));
    if (!m.find()) {
      throw new IllegalStateException("no e-money balance in the card image " + card);
    }
    return Long.parseLong(m.group(1));
  }

  /** The purse's value log on the card image {@code card}, oldest first. */
  static List<ValueRecord> valueLog(Path card) throws IOException {
    List<ValueRecord> log = new ArrayList<>();
    for (String line : CardImages.dump(card).split("\n")) {
      Matcher m = VALUE_LINE.matcher(line);
      if (m.matches()) {
        log.add(
            new ValueRecord(
                Integer.parseInt(m.group(1)),
                Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)),
                m.group(4)));
      } else if (line.contains("value record unreadable")) {
        throw new IllegalStateException("a value record of " + card + " is unreadable: " + line);
      }
    }
    return log;
  }

  private static Set<Payment> payments(Path db, String query, String... args) throws SQLException {
    Set<Payment> standing = new HashSet<>();
    try (Connection c = open(db);
        PreparedStatement q = c.prepareStatement(query)) {
      for (int i = 0; i < args.length; i++) {
        q.setString(i + 1, args[i]);
      }
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          standing.add(new Payment(rs.getString(1), rs.getLong(2)));
        }
      }
    }
    return standing;
  }

  private static Connection open(Path db) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + db);
  }
}
