package com.kippu.center.load;

import com.kippu.center.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What the database says after a sale, counted in SQL rather than trusted from the answers: seats
 * in more than one live reservation (oversold), seat rows that disagree with the reservation
 * holding them, seats held, live reservations, and tickets.
 */
record SaleAudit(
    long oversold, long inconsistent, long seatsTaken, long reservations, long tickets) {

  static SaleAudit of(Database db, String eventId) {
    return db.read(
        c ->
            new SaleAudit(
                count(
                    c,
                    "SELECT COUNT(*) FROM (SELECT rs.seat_id FROM reservation_seat rs"
                        + " JOIN reservation r ON r.reservation_number = rs.reservation_number"
                        + " WHERE rs.event_id = ? AND r.status IN ('HELD', 'ISSUED')"
                        + " GROUP BY rs.seat_id HAVING COUNT(*) > 1) twice",
                    eventId),
                count(
                    c,
                    "SELECT COUNT(*) FROM reservation_seat rs"
                        + " JOIN reservation r ON r.reservation_number = rs.reservation_number"
                        + " JOIN seat s ON s.event_id = rs.event_id AND s.seat_id = rs.seat_id"
                        + " WHERE rs.event_id = ? AND r.status IN ('HELD', 'ISSUED')"
                        + " AND (s.reservation_number IS NULL"
                        + " OR s.reservation_number <> r.reservation_number"
                        + " OR s.status <> CASE r.status WHEN 'HELD' THEN 'HELD' ELSE 'SOLD' END)",
                    eventId),
                count(
                    c,
                    "SELECT COUNT(*) FROM seat WHERE event_id = ? AND status <> 'AVAILABLE'",
                    eventId),
                count(
                    c,
                    "SELECT COUNT(*) FROM reservation WHERE event_id = ?"
                        + " AND status IN ('HELD', 'ISSUED')",
                    eventId),
                count(
                    c,
                    "SELECT COUNT(*) FROM ticket t JOIN reservation r"
                        + " ON r.reservation_number = t.reservation_number WHERE r.event_id = ?",
                    eventId)));
  }

  private static long count(Connection c, String sql, String eventId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, eventId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
