package com.kippu.center.terminal.sql;

import com.kippu.center.db.Database;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.terminal.Terminal;
import com.kippu.center.terminal.TerminalKind;
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
  public Optional<Credential> active(TerminalId terminalId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT secret, kind, venue FROM terminal WHERE terminal_id = ? AND active = ?")) {
            ps.setString(1, terminalId.value());
            ps.setBoolean(2, true);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              Terminal terminal =
                  new Terminal(
                      terminalId,
                      TerminalKind.valueOf(rs.getString(2)),
                      Optional.ofNullable(rs.getString(3)));
              return Optional.of(new Credential(terminal, rs.getBytes(1)));
            }
          }
        });
  }

  @Override
  public Optional<byte[]> secret(TerminalId terminalId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT secret FROM terminal WHERE terminal_id = ?")) {
            ps.setString(1, terminalId.value());
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

  @Override
  public boolean register(Terminal terminal, byte[] secret, Instant at) {
    return db.write(
        c -> {
          boolean known;
          try (PreparedStatement ps =
              c.prepareStatement("SELECT 1 FROM terminal WHERE terminal_id = ?")) {
            ps.setString(1, terminal.terminalId().value());
            try (ResultSet rs = ps.executeQuery()) {
              known = rs.next();
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO terminal (terminal_id, secret, added_at, kind, venue, active)"
                      + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (terminal_id) DO UPDATE SET"
                      + " secret = excluded.secret, kind = excluded.kind,"
                      + " venue = excluded.venue, active = excluded.active")) {
            ps.setString(1, terminal.terminalId().value());
            ps.setBytes(2, secret);
            ps.setLong(3, at.toEpochMilli());
            ps.setString(4, terminal.kind().name());
            ps.setString(5, terminal.venue().orElse(null));
            ps.setBoolean(6, true);
            ps.executeUpdate();
          }
          return !known;
        });
  }

  @Override
  public boolean rotate(TerminalId terminalId, byte[] secret) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE terminal SET secret = ? WHERE terminal_id = ?")) {
            ps.setBytes(1, secret);
            ps.setString(2, terminalId.value());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public boolean setActive(TerminalId terminalId, boolean active) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE terminal SET active = ? WHERE terminal_id = ?")) {
            ps.setBoolean(1, active);
            ps.setString(2, terminalId.value());
            return ps.executeUpdate() == 1;
          }
        });
  }
}
