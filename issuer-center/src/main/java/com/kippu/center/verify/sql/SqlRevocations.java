package com.kippu.center.verify.sql;

import com.kippu.center.db.Database;
import com.kippu.center.verify.RevocationEntry;
import com.kippu.center.verify.RevocationRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code revocation} table; {@link #revoke} runs inside the caller's transaction. */
public final class SqlRevocations implements RevocationRepository {
  private final Database db;

  public SqlRevocations(Database db) {
    this.db = db;
  }

  /** Revokes a ticket or card unless already revoked; true when this call revoked it. */
  public static boolean revoke(
      Connection c, RevocationEntry.Kind kind, String subject, String reason, Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO revocation (kind, subject, reason, revoked_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (kind, subject) DO NOTHING")) {
      ps.setString(1, kind.name());
      ps.setString(2, subject);
      ps.setString(3, reason);
      ps.setLong(4, at.toEpochMilli());
      return ps.executeUpdate() == 1;
    }
  }

  @Override
  public List<RevocationEntry> all() {
    return db.read(
        c -> {
          List<RevocationEntry> list = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT sequence, kind, subject, reason, revoked_at FROM revocation"
                          + " ORDER BY sequence");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              list.add(
                  new RevocationEntry(
                      rs.getLong(1),
                      RevocationEntry.Kind.valueOf(rs.getString(2)),
                      rs.getString(3),
                      rs.getString(4),
                      Instant.ofEpochMilli(rs.getLong(5))));
            }
          }
          return list;
        });
  }
}
