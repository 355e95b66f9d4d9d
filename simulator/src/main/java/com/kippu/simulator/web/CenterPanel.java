package com.kippu.simulator.web;

import com.kippu.center.settlement.Settlement;
import com.kippu.simulator.Branch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The issuer center's side of the page beyond its seat map: the newest reservations and tickets,
 * the messages to issuers' systems (sales records, lost cards) with their delivery, and this
 * month's settlement per issuer, by the center's own settlement service. Read from the center's
 * file, read-only; card ids are shown as the center keeps them (no card numbers are in it).
 */
final class CenterPanel {
  private static final int ROWS = 8;
  private static final Duration FRESH = Duration.ofSeconds(2);

  private final Branch branch;
  private Map<String, Object> cached = Map.of();
  private Instant cachedAt = Instant.EPOCH;

  CenterPanel(Branch branch) {
    this.branch = branch;
  }

  /** The panel, read again at most every two seconds: the page asks on every update. */
  synchronized Map<String, Object> state() {
    Instant now = Instant.now();
    if (Duration.between(cachedAt, now).compareTo(FRESH) < 0) {
      return cached;
    }
    Path db = branch.dir().resolve("issuer-center.db");
    Map<String, Object> s = new LinkedHashMap<>();
    s.put(
        "reservations",
        rows(
            db,
            "SELECT r.reservation_number, e.title, r.status, r.amount_yen, r.card_id,"
                + " r.expires_at FROM reservation r JOIN event e ON e.event_id = r.event_id"
                + " ORDER BY r.reserved_at DESC LIMIT "
                + ROWS,
            "number",
            "event",
            "status",
            "amount",
            "card",
            "expiresAt"));
    s.put(
        "tickets",
        rows(
            db,
            "SELECT t.ticket_number, i.name, t.card_id, t.payment_method, t.payment_amount_yen,"
                + " t.issued_at FROM ticket t JOIN issuer i ON i.issuer_id = t.issuer_id"
                + " ORDER BY t.issued_at DESC LIMIT "
                + ROWS,
            "number",
            "issuer",
            "card",
            "method",
            "amount",
            "issuedAt"));
    s.put(
        "outbox",
        rows(
            db,
            "SELECT o.message_type, i.name, o.attempts,"
                + " CASE WHEN o.delivered_at IS NULL THEN 'pending' ELSE 'delivered' END,"
                + " COALESCE(o.last_error, '') FROM outbox o JOIN issuer i ON i.issuer_id ="
                + " o.issuer_id ORDER BY o.created_at DESC LIMIT "
                + ROWS,
            "type",
            "issuer",
            "attempts",
            "delivery",
            "error"));
    s.put("settlement", settlement(ZoneId.of("Asia/Tokyo")));
    cached = s;
    cachedAt = now;
    return s;
  }

  private static List<Map<String, Object>> rows(Path db, String sql, String... names) {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?open_mode=1");
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
          Object v = rs.getObject(i + 1);
          row.put(names[i], names[i].endsWith("At") && v instanceof Number n ? at(n) : v);
        }
        rows.add(row);
      }
    } catch (SQLException e) {
      rows.add(Map.of("error", "the center's file could not be read: " + e.getMessage()));
    }
    return rows;
  }

  /** Instants the center keeps as epoch milliseconds. */
  private static String at(Number epochMillis) {
    return Instant.ofEpochMilli(epochMillis.longValue()).toString();
  }

  /** This month's statement lines, as the operator's {@code settle} command computes them. */
  private List<Map<String, Object>> settlement(ZoneId zone) {
    List<Map<String, Object>> lines = new ArrayList<>();
    try {
      for (Settlement l :
          branch.center().settlement(YearMonth.now(branch.clock().withZone(zone)), zone)) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("issuer", l.issuerName());
        line.put("payments", l.payments());
        line.put("sales", l.salesYen());
        line.put("collected", l.collectedYen());
        line.put("receivedByIssuer", l.receivedByIssuerYen());
        line.put("fee", l.feeYen());
        line.put("payable", l.payableYen());
        line.put("feeReceivable", l.feeReceivableYen());
        line.put("net", l.netPayableYen());
        lines.add(line);
      }
    } catch (RuntimeException e) {
      lines.add(Map.of("error", "settlement could not be computed: " + e.getMessage()));
    }
    return lines;
  }
}
