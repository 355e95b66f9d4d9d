package com.kippu.atm.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The journal in a SQLite file. Each {@link #record} is one committed transaction with
 * synchronous=FULL, so an entry that returned is on disk before the caller's side effect starts.
 */
public final class SqliteJournal implements Journal {
  private static final TypeReference<TreeMap<String, String>> FACTS = new TypeReference<>() {};
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connection connection;
  private final Clock clock;
  private final Set<String> finalStates;

  private SqliteJournal(Connection connection, Clock clock, Set<String> finalStates) {
    this.connection = connection;
    this.clock = clock;
    this.finalStates = Set.copyOf(finalStates);
  }

  /**
   * Opens (creating if needed) the journal at {@code file}.
   *
   * @param finalStates states after which a session needs no recovery
   */
  public static SqliteJournal open(Path file, Clock clock, Set<String> finalStates) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute(
            "CREATE TABLE IF NOT EXISTS journal ("
                + " session_id TEXT NOT NULL,"
                + " seq INTEGER NOT NULL,"
                + " flow TEXT NOT NULL,"
                + " state TEXT NOT NULL,"
                + " facts TEXT NOT NULL,"
                + " at TEXT NOT NULL,"
                + " PRIMARY KEY (session_id, seq))");
      }
      return new SqliteJournal(c, clock, finalStates);
    } catch (SQLException e) {
      throw new JournalException("cannot open journal " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the journal's directory for " + file, e);
    }
  }

  @Override
  public synchronized long record(
      SessionId sessionId, String flow, String state, Map<String, String> facts) {
    try (PreparedStatement next =
            connection.prepareStatement(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM journal WHERE session_id = ?");
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO journal VALUES (?, ?, ?, ?, ?, ?)")) {
      next.setString(1, sessionId.value());
      long seq;
      try (ResultSet rs = next.executeQuery()) {
        seq = rs.getLong(1);
      }
      insert.setString(1, sessionId.value());
      insert.setLong(2, seq);
      insert.setString(3, flow);
      insert.setString(4, state);
      insert.setString(5, JSON.writeValueAsString(new TreeMap<>(facts)));
      insert.setString(6, clock.instant().toString());
      insert.executeUpdate();
      return seq;
    } catch (SQLException | JsonProcessingException e) {
      throw new JournalException(
          "cannot journal state "
              + state
              + " of session "
              + sessionId
              + "; side effect not started",
          e);
    }
  }

  @Override
  public synchronized List<JournalEntry> entries(SessionId sessionId) {
    try (PreparedStatement q =
        connection.prepareStatement(
            "SELECT seq, flow, state, facts, at FROM journal WHERE session_id = ? ORDER BY seq")) {
      q.setString(1, sessionId.value());
      List<JournalEntry> result = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          result.add(
              new JournalEntry(
                  sessionId,
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  JSON.readValue(rs.getString(4), FACTS),
                  Instant.parse(rs.getString(5))));
        }
      }
      return result;
    } catch (SQLException | JsonProcessingException e) {
      throw new JournalException("cannot read journal of session " + sessionId, e);
    }
  }

  @Override
  public synchronized List<SessionId> openSessions() {
    String sql =
        "SELECT j.session_id, j.state FROM journal j"
            + " JOIN (SELECT session_id, MAX(seq) AS seq FROM journal GROUP BY session_id) last"
            + " ON j.session_id = last.session_id AND j.seq = last.seq"
            + " ORDER BY j.at";
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<SessionId> open = new ArrayList<>();
      while (rs.next()) {
        if (!finalStates.contains(rs.getString(2))) {
          open.add(new SessionId(rs.getString(1)));
        }
      }
      return open;
    } catch (SQLException e) {
      throw new JournalException("cannot list open sessions", e);
    }
  }

  @Override
  public synchronized List<JournalEntry> sessionsEndingIn(String state) {
    String sql =
        "SELECT j.session_id, j.seq, j.flow, j.state, j.facts, j.at FROM journal j"
            + " JOIN (SELECT session_id, MAX(seq) AS seq FROM journal GROUP BY session_id) last"
            + " ON j.session_id = last.session_id AND j.seq = last.seq"
            + " WHERE j.state = ? ORDER BY j.at";
    try (PreparedStatement q = connection.prepareStatement(sql)) {
      q.setString(1, state);
      List<JournalEntry> result = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          result.add(
              new JournalEntry(
                  new SessionId(rs.getString(1)),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getString(4),
                  JSON.readValue(rs.getString(5), FACTS),
                  Instant.parse(rs.getString(6))));
        }
      }
      return result;
    } catch (SQLException | JsonProcessingException e) {
      throw new JournalException("cannot list sessions ending in " + state, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new JournalException("cannot close journal", e);
    }
  }
}
