package com.kippu.simulator.web;

import com.kippu.iso8583.ResponseCode;
import com.kippu.simulator.Branch;
import com.kippu.simulator.bank.LinkHost;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bank host's side of the page: every account and its balance, its transaction log (the newest
 * movements, accounts shown masked as the ledger keeps them for display) and its fault switches
 * (issuer unavailable, decline every payment with a chosen code, answers lost, sent late or kept
 * back, the connection dropped). A decline covers each way to pay: account transfers and debit
 * cards at the bank host, credit and prepaid cards at the card network. The answer faults shown
 * armed are read from the host itself, so the page shows them until they fire.
 */
final class HostPanel {
  private static final int LOG_ROWS = 12;
  private static final int MAX_SLOW_SECONDS = 120;
  private static final Set<ResponseCode> DECLINES =
      Set.of(
          ResponseCode.INVALID_ACCOUNT,
          ResponseCode.INSUFFICIENT_FUNDS,
          ResponseCode.EXPIRED_CARD,
          ResponseCode.SYSTEM_MALFUNCTION);

  private final Branch branch;
  private boolean issuerDown;
  private String declining = "";

  HostPanel(Branch branch) {
    this.branch = branch;
  }

  /** Throws a host fault switch; what it did, in words. */
  synchronized String throwSwitch(String key, String code) throws WebRefusal {
    switch (key) {
      case "issuer-down" -> {
        issuerDown = !issuerDown;
        branch.bank().issuerUnavailable(issuerDown);
        return issuerDown
            ? "Bank host: every financial request is answered 91 (issuer unavailable)."
            : "Bank host: answering again.";
      }
      case "decline" -> {
        if (code.isEmpty()) {
          decline(null);
          declining = "";
          return "Bank host and card network: payments are no longer declined.";
        }
        ResponseCode chosen =
            DECLINES.stream()
                .filter(c -> c.code().equals(code))
                .findFirst()
                .orElseThrow(
                    () ->
                        new WebRefusal(
                            400, "The host declines with 14, 51, 54 or 96, not '" + code + "'."));
        decline(chosen);
        declining = chosen.code();
        return "Bank host and card network: transfers, debit, credit and prepaid payments are"
            + " declined "
            + chosen.code()
            + ".";
      }
      case "slow-answer" -> {
        int seconds;
        try {
          seconds = Integer.parseInt(code);
        } catch (NumberFormatException e) {
          seconds = -1;
        }
        if (seconds < 1 || seconds > MAX_SLOW_SECONDS) {
          throw new WebRefusal(
              400, "Choose a delay of 1 to " + MAX_SLOW_SECONDS + " seconds, not '" + code + "'.");
        }
        branch.bank().delayResponses(1, Duration.ofSeconds(seconds));
        return "Bank host: the next answer is sent " + seconds + " s late (money moves).";
      }
      case "drop-answer" -> {
        branch.bank().dropResponses(1);
        return "Bank host: the next answer is lost on its way back (money moves).";
      }
      case "hold-answer" -> {
        branch.bank().holdResponses(1);
        return "Bank host: the next answer is kept back until released (a slow answer).";
      }
      case "drop-connection" -> {
        int dropped = branch.bank().dropConnections();
        return "Bank host: "
            + dropped
            + " connection(s) dropped; the terminal's link reconnects and sends what it kept.";
      }
      case "release" -> {
        int sent = branch.bank().releaseHeldResponses();
        return "Bank host: " + sent + " kept-back answer(s) sent; answers are no longer kept back.";
      }
      default -> throw new WebRefusal(400, "The bank host has no switch '" + key + "'.");
    }
  }

  /** Declines every way to pay with {@code code}, or none with null. */
  private void decline(ResponseCode code) {
    branch.bank().declineTransfers(code);
    branch.bank().declineDebits(code);
    if (branch.network() != null) {
      branch.network().declineAuthorizations(code);
    }
  }

  synchronized Map<String, Object> state() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("issuerDown", issuerDown);
    s.put("declining", declining);
    LinkHost.Armed armed = branch.bank().armed();
    s.put("heldAnswers", armed.keptBack());
    s.put("armedDrops", armed.drops());
    s.put("armedDelays", armed.delays());
    s.put("delaySeconds", armed.delay().toSeconds());
    s.put("armedHolds", armed.holds());
    s.put("accounts", accounts(branch.dir().resolve("bank-host.db")));
    s.put("log", log(branch.dir().resolve("bank-host.db")));
    return s;
  }

  /**
   * Every account the bank host keeps for the branch (customers, other banks' holders, the issuers
   * a kiosk enrolled, the railway), read from its ledger: holder, masked number and balance.
   */
  private static List<Map<String, Object>> accounts(Path db) {
    List<Map<String, Object>> rows = new ArrayList<>();
    String sql = "SELECT holder, display, balance_yen FROM accounts ORDER BY display";
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?open_mode=1");
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        rows.add(
            Map.of("name", rs.getString(1), "account", rs.getString(2), "balance", rs.getLong(3)));
      }
    } catch (SQLException e) {
      rows.add(Map.of("error", "the accounts could not be read: " + e.getMessage()));
    }
    return rows;
  }

  /** The newest movements of the ledger, read from its file beside the host's own connection. */
  private static List<Map<String, Object>> log(Path db) {
    List<Map<String, Object>> rows = new ArrayList<>();
    String sql =
        "SELECT m.id, m.terminal_id, m.stan, m.kind, m.from_display, a.display, m.amount_yen,"
            + " m.status, COALESCE(m.response_code, '') FROM movements m"
            + " LEFT JOIN accounts a ON a.token = m.to_token ORDER BY m.id DESC LIMIT "
            + LOG_ROWS;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?open_mode=1");
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", rs.getLong(1));
        row.put("terminal", rs.getString(2));
        row.put("stan", rs.getString(3));
        row.put("kind", rs.getString(4));
        row.put("from", rs.getString(5));
        row.put("to", rs.getString(6) == null ? "" : rs.getString(6));
        row.put("amount", rs.getLong(7));
        row.put("status", rs.getString(8));
        row.put("code", rs.getString(9));
        rows.add(row);
      }
    } catch (SQLException e) {
      rows.add(Map.of("error", "the ledger could not be read: " + e.getMessage()));
    }
    return rows;
  }
}
