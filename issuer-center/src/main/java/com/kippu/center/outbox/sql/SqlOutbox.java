package com.kippu.center.outbox.sql;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.db.Database;
import com.kippu.center.outbox.MessageType;
import com.kippu.center.outbox.OutboxMessage;
import com.kippu.center.outbox.OutboxRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code outbox} table. {@link #enqueue} runs inside the caller's transaction, so a message
 * exists exactly when the fact it reports was committed; a key already present is left alone.
 */
public final class SqlOutbox implements OutboxRepository {
  private final Database db;

  public SqlOutbox(Database db) {
    this.db = db;
  }

  /** Adds a message in the caller's transaction; true when it was new. */
  public static boolean enqueue(
      Connection c, String key, IssuerId issuer, MessageType type, byte[] payload, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO outbox (message_key, issuer_id, message_type, payload, created_at,"
                + " next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (message_key) DO NOTHING")) {
      ps.setString(1, key);
      ps.setString(2, issuer.value());
      ps.setString(3, type.name());
      ps.setBytes(4, payload);
      ps.setLong(5, now.toEpochMilli());
      ps.setLong(6, now.toEpochMilli());
      return ps.executeUpdate() == 1;
    }
  }

  @Override
  public List<OutboxMessage> due(Instant now, int limit) {
    return db.read(
        c -> {
          List<OutboxMessage> due = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT * FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= ?"
                      + " ORDER BY created_at, message_key LIMIT ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                due.add(
                    new OutboxMessage(
                        rs.getString("message_key"),
                        new IssuerId(rs.getString("issuer_id")),
                        MessageType.valueOf(rs.getString("message_type")),
                        rs.getBytes("payload"),
                        rs.getInt("attempts"),
                        Instant.ofEpochMilli(rs.getLong("next_attempt_at"))));
              }
            }
          }
          return due;
        });
  }

  @Override
  public void markDelivered(String key, Instant at) {
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE outbox SET delivered_at = ?, last_error = NULL"
                      + " WHERE message_key = ? AND delivered_at IS NULL")) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, key);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public void markFailed(String key, int attempts, Instant nextAttemptAt, String error) {
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?"
                      + " WHERE message_key = ? AND delivered_at IS NULL")) {
            ps.setInt(1, attempts);
            ps.setLong(2, nextAttemptAt.toEpochMilli());
            ps.setString(3, error.length() > 500 ? error.substring(0, 500) : error);
            ps.setString(4, key);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public int pending() {
    return db.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }
}
