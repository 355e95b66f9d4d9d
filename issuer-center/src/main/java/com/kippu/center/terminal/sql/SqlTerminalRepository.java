package com.kippu.center.terminal.sql;

import com.kippu.center.db.Database;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.terminal.TerminalRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** Terminals in the center's database ({@code terminal} table), SQLite or PostgreSQL. */
public final class SqlTerminalRepository implements TerminalRepository {
  private final Database db;

  public SqlTerminalRepository(Database db) {
    this.db = db;
  }

  @Override
  public Optional<byte[]> activeSecret(TerminalId terminalId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT secret FROM terminal WHERE terminal_id = ? AND active = ?")) {
            ps.setString(1, terminalId.value());
            ps.setBoolean(2, true);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public boolean addIfAbsent(TerminalId terminalId, byte[] secret, Instant addedAt) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO terminal (terminal_id, secret, added_at) VALUES (?, ?, ?)"
                      + " ON CONFLICT (terminal_id) DO NOTHING")) {
            ps.setString(1, terminalId.value());
            ps.setBytes(2, secret);
            ps.setLong(3, addedAt.toEpochMilli());
            return ps.executeUpdate() == 1;
          }
        });
  }
}
