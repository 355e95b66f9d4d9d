package com.kippu.simulator.ops;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The center's record of the payments a terminal presented ({@code payment}): what each paid for (a
 * reservation, a card sale, or nothing: refused), how much, and who received the money.
 */
final class CenterSales {
  /** One payment proof the center took or refused. */
  record Payment(
      String method,
      String reference,
      long amountYen,
      String stan,
      String paidAt,
      String receivedBy,
      String use,
      String subject,
      boolean voided) {
    /** Whether a ticket stands on this payment: taken, and its sale not voided by the operator. */
    boolean sold() {
      return !"REFUSED".equals(use) && !voided;
    }
  }

  private static final String VOIDED =
      "EXISTS (SELECT 1 FROM ticket_void v WHERE p.use_kind = 'RESERVATION'"
          + " AND v.reservation_number = p.subject)";

  private CenterSales() {}

  /** Whether the center's database has voids (a center from before them has none). */
  private static boolean hasVoids(Connection c) throws SQLException {
    try (ResultSet rs = c.getMetaData().getTables(null, null, "ticket_void", null)) {
      return rs.next();
    }
  }

  /** The payments of {@code terminalId} in the branch's center database. */
  static List<Payment> read(Path branchDir, String terminalId) {
    List<Payment> result = new ArrayList<>();
    Optional<Connection> db = ReadOnlyDb.open(branchDir.resolve("issuer-center.db"));
    if (db.isEmpty()) {
      return result;
    }
    try (Connection c = db.get();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT method, reference, amount_yen, stan, paid_at, received_by, use_kind,"
                    + " subject, "
                    + (hasVoids(c) ? VOIDED : "0")
                    + " FROM payment p WHERE terminal_id = ? ORDER BY recorded_at")) {
      ps.setString(1, terminalId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(
              new Payment(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getInt(9) != 0));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("center sales unreadable", e);
    }
    return result;
  }
}
