package com.kippu.atm.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.sqlite.SQLiteConfig;

/**
 * Reads a terminal's journal file for operations, read-only, while the plugin may be writing it:
 * the sessions of a day (by their first entry, in the terminal's zone) and every entry of one
 * session.
 */
public final class JournalView implements AutoCloseable {
  private static final TypeReference<TreeMap<String, String>> FACTS = new TypeReference<>() {};
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connection db;
  private final ZoneId zone;

  private JournalView(Connection db, ZoneId zone) {
    this.db = db;
    this.zone = zone;
  }

  /** Opens {@code journalFile}, which must exist; days are counted in {@code zone}. */
  public static JournalView open(Path journalFile, ZoneId zone) {
    if (!Files.isRegularFile(journalFile)) {
      throw new IllegalArgumentException("no journal at " + journalFile);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(10_000);
    try {
      return new JournalView(
          config.createConnection("jdbc:sqlite:" + journalFile.toAbsolutePath()), zone);
    } catch (SQLException e) {
      throw new IllegalStateException("journal " + journalFile + " could not be opened", e);
    }
  }

  public ZoneId zone() {
    return zone;
  }

  /** The sessions that started on {@code day}, oldest first. */
  public List<SessionSummary> sessionsOn(LocalDate day) {
    Instant from = day.atStartOfDay(zone).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
    List<SessionSummary> result = new ArrayList<>();
    for (SessionId id : sessionsStartedBetween(from, to)) {
      result.add(SessionSummary.of(entries(id)));
    }
    return result;
  }

  /** Every session in the journal, oldest first. */
  public List<SessionSummary> allSessions() {
    List<SessionSummary> result = new ArrayList<>();
    for (SessionId id : sessionsStartedBetween(Instant.EPOCH, Instant.MAX)) {
      result.add(SessionSummary.of(entries(id)));
    }
    return result;
  }

  /** One session's summary, if the journal knows it. */
  public Optional<SessionSummary> session(SessionId id) {
    List<JournalEntry> entries = entries(id);
    return entries.isEmpty() ? Optional.empty() : Optional.of(SessionSummary.of(entries));
  }

  /** Every entry of one session in order; empty when unknown. */
  public List<JournalEntry> entries(SessionId id) {
    try (PreparedStatement q =
        db.prepareStatement(
            "SELECT seq, flow, state, facts, at FROM journal WHERE session_id = ? ORDER BY seq")) {
      q.setString(1, id.value());
      List<JournalEntry> result = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          result.add(
              new JournalEntry(
                  id,
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  JSON.readValue(rs.getString(4), FACTS),
                  Instant.parse(rs.getString(5))));
        }
      }
      return result;
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("journal of session " + id + " could not be read", e);
    }
  }

  private List<SessionId> sessionsStartedBetween(Instant from, Instant to) {
    try (PreparedStatement q =
        db.prepareStatement(
            "SELECT session_id, MIN(at) AS started FROM journal GROUP BY session_id"
                + " ORDER BY started")) {
      List<SessionId> result = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          Instant started = Instant.parse(rs.getString(2));
          if (!started.isBefore(from) && started.isBefore(to)) {
            result.add(new SessionId(rs.getString(1)));
          }
        }
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("journal sessions could not be listed", e);
    }
  }

  @Override
  public void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new IllegalStateException("journal could not be closed", e);
    }
  }
}
