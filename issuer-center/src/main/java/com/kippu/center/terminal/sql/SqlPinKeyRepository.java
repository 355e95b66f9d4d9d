package com.kippu.center.terminal.sql;

import com.kippu.center.db.Database;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.terminal.PinKeyRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** Each terminal's current user-PIN key on {@code terminal_pin_key}. */
public final class SqlPinKeyRepository implements PinKeyRepository {
  private final Database db;

  public SqlPinKeyRepository(Database db) {
    this.db = db;
  }

  @Override
  public void put(TerminalId terminal, StoredKey key) {
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO terminal_pin_key (terminal_id, key_under_master, check_value,"
                      + " issued_at) VALUES (?, ?, ?, ?) ON CONFLICT (terminal_id) DO UPDATE SET"
                      + " key_under_master = excluded.key_under_master,"
                      + " check_value = excluded.check_value, issued_at = excluded.issued_at")) {
            ps.setString(1, terminal.value());
            ps.setBytes(2, key.underMaster());
            ps.setString(3, key.checkValue());
            ps.setLong(4, key.issuedAt().toEpochMilli());
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<StoredKey> current(TerminalId terminal) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT key_under_master, check_value, issued_at FROM terminal_pin_key"
                      + " WHERE terminal_id = ?")) {
            ps.setString(1, terminal.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new StoredKey(
                          rs.getBytes(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))))
                  : Optional.empty();
            }
          }
        });
  }
}
