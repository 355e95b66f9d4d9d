package com.kippu.atm.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The terminal's record of what is not a customer session: device faults, operator actions, staff
 * settling a case, cash replenished or collected. Append-only in SQLite (triggers refuse UPDATE and
 * DELETE), one committed row per record, every text masked before it is written.
 */
public final class OperationsLog implements AutoCloseable {
  /** What a record is about. */
  public enum Kind {
    /** A device fault or a device coming back. */
    DEVICE,
    /** An operator at the supervisor panel (fault switches, self test, menu entries). */
    OPERATOR,
    /** Staff settling a case of the staff queue. */
    STAFF,
    /** Cash replenished, collected or counted. */
    CASH
  }

  /** One record. */
  public record Entry(long sequence, Instant at, Kind kind, String subject, String text) {}

  private final Connection db;
  private final Clock clock;

  private OperationsLog(Connection db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Opens (creating if needed) the log in {@code file}. */
  public static OperationsLog open(Path file, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=10000");
        s.execute(
            "CREATE TABLE IF NOT EXISTS operation (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                + " at TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL,"
                + " text TEXT NOT NULL)");
        s.execute(
            "CREATE TRIGGER IF NOT EXISTS operation_no_update BEFORE UPDATE ON operation"
                + " BEGIN SELECT RAISE(ABORT, 'the operations log is append-only'); END");
        s.execute(
            "CREATE TRIGGER IF NOT EXISTS operation_no_delete BEFORE DELETE ON operation"
                + " BEGIN SELECT RAISE(ABORT, 'the operations log is append-only'); END");
      }
      return new OperationsLog(c, clock);
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException("operations log " + file + " could not be opened", e);
    }
  }

  /** Appends one record; returns its sequence number. */
  public synchronized long record(Kind kind, String subject, String text) {
    Objects.requireNonNull(kind, "kind");
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO operation(at, kind, subject, text) VALUES (?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, clock.instant().toString());
      ps.setString(2, kind.name());
      ps.setString(3, Masking.text(subject));
      ps.setString(4, Masking.text(text));
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("operations log: " + kind + " record not written", e);
    }
  }

  /** Records from {@code from} (inclusive) to {@code to} (exclusive), in order. */
  public synchronized List<Entry> between(Instant from, Instant to) {
    try (PreparedStatement ps =
        db.prepareStatement("SELECT seq, at, kind, subject, text FROM operation ORDER BY seq")) {
      List<Entry> result = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant at = Instant.parse(rs.getString(2));
          if (!at.isBefore(from) && at.isBefore(to)) {
            result.add(
                new Entry(
                    rs.getLong(1),
                    at,
                    Kind.valueOf(rs.getString(3)),
                    rs.getString(4),
                    rs.getString(5)));
          }
        }
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("operations log could not be read", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new IllegalStateException("operations log could not be closed", e);
    }
  }
}
