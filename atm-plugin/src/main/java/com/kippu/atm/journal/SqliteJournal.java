package com.kippu.atm.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.atm.store.CrashPoints;
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
import java.util.logging.Logger;

/**
 * The journal in a SQLite file. Each {@link #record} is one committed transaction with
 * synchronous=FULL, so an entry that returned is on disk before the caller's side effect starts.
 * The same transaction keeps {@code pending_ticket}, the sessions whose paid ticket awaits its card
 * ({@link Journal#awaitsCard}), so a card's insertion reads its own few rows, not every ended
 * session. The table is rebuilt from the journal at every open (one scan of the last entries), so
 * neither a journal written by a build that did not keep it nor a change of the final states can
 * leave it stale. The journal itself is append-only in the file too: SQLite triggers refuse UPDATE
 * and DELETE of its entries (only the derived {@code pending_ticket} changes).
 */
public final class SqliteJournal implements Journal {
  private static final TypeReference<TreeMap<String, String>> FACTS = new TypeReference<>() {};
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Logger LOG = Logger.getLogger(SqliteJournal.class.getName());

  /** The last entry of every session, as session_id, seq, flow, state, facts, at. */
  private static final String LAST_ENTRIES =
      "SELECT j.session_id, j.seq, j.flow, j.state, j.facts, j.at FROM journal j"
          + " JOIN (SELECT session_id, MAX(seq) AS seq FROM journal GROUP BY session_id) last"
          + " ON j.session_id = last.session_id AND j.seq = last.seq";

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
        // Entries are only ever added: a session moves on by a new entry, never by changing one.
        s.execute(
            "CREATE TRIGGER IF NOT EXISTS journal_no_update BEFORE UPDATE ON journal"
                + " BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END");
        s.execute(
            "CREATE TRIGGER IF NOT EXISTS journal_no_delete BEFORE DELETE ON journal"
                + " BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END");
      }
      SqliteJournal journal = new SqliteJournal(c, clock, finalStates);
      journal.indexPendingTickets();
      return journal;
    } catch (SQLException e) {
      throw new JournalException("cannot open journal " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the journal's directory for " + file, e);
    }
  }

  /** Rebuilds {@code pending_ticket} from the last entry of every session; idempotent. */
  private void indexPendingTickets() throws SQLException {
    connection.setAutoCommit(false);
    try (Statement s = connection.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS pending_ticket ("
              + " session_id TEXT PRIMARY KEY,"
              + " card TEXT NOT NULL,"
              + " seq INTEGER NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS pending_ticket_card ON pending_ticket (card)");
      s.execute("DELETE FROM pending_ticket");
      try (ResultSet rs = s.executeQuery(LAST_ENTRIES)) {
        while (rs.next()) {
          Map<String, String> facts = JSON.readValue(rs.getString(5), FACTS);
          updatePending(new SessionId(rs.getString(1)), rs.getLong(2), rs.getString(4), facts);
        }
      }
      connection.commit();
    } catch (SQLException | JsonProcessingException | RuntimeException e) {
      connection.rollback();
      throw new SQLException("cannot index the pending tickets of the journal", e);
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private void updatePending(SessionId sessionId, long seq, String state, Map<String, String> facts)
      throws SQLException {
    if (finalStates.contains(state) && Journal.awaitsCard(facts)) {
      try (PreparedStatement upsert =
          connection.prepareStatement("INSERT OR REPLACE INTO pending_ticket VALUES (?, ?, ?)")) {
        upsert.setString(1, sessionId.value());
        upsert.setString(2, facts.get("card"));
        upsert.setLong(3, seq);
        upsert.executeUpdate();
      }
      return;
    }
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM pending_ticket WHERE session_id = ?")) {
      delete.setString(1, sessionId.value());
      delete.executeUpdate();
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
      connection.setAutoCommit(false);
      next.setString(1, sessionId.value());
      long seq;
      try (ResultSet rs = next.executeQuery()) {
        rs.next();
        seq = rs.getLong(1);
      }
      insert.setString(1, sessionId.value());
      insert.setLong(2, seq);
      insert.setString(3, flow);
      insert.setString(4, state);
      insert.setString(5, JSON.writeValueAsString(new TreeMap<>(facts)));
      insert.setString(6, clock.instant().toString());
      insert.executeUpdate();
      updatePending(sessionId, seq, state, facts);
      connection.commit();
      CrashPoints.committed(CrashPoints.JOURNAL);
      return seq;
    } catch (SQLException | JsonProcessingException e) {
      rollback();
      throw new JournalException(
          "cannot journal state "
              + state
              + " of session "
              + sessionId
              + "; side effect not started",
          e);
    } finally {
      autoCommit();
    }
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      LOG.warning("journal rollback failed: " + e.getMessage());
    }
  }

  private void autoCommit() {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      LOG.warning("journal autocommit not restored: " + e.getMessage());
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
    try (PreparedStatement q =
        connection.prepareStatement(LAST_ENTRIES + " WHERE j.state = ? ORDER BY j.at")) {
      q.setString(1, state);
      return read(q);
    } catch (SQLException | JsonProcessingException e) {
      throw new JournalException("cannot list sessions ending in " + state, e);
    }
  }

  @Override
  public synchronized List<JournalEntry> ticketsAwaitingCard(String card) {
    String sql =
        "SELECT j.session_id, j.seq, j.flow, j.state, j.facts, j.at FROM pending_ticket p"
            + " JOIN journal j ON j.session_id = p.session_id AND j.seq = p.seq"
            + " WHERE p.card = ? ORDER BY j.at";
    try (PreparedStatement q = connection.prepareStatement(sql)) {
      q.setString(1, card);
      return read(q);
    } catch (SQLException | JsonProcessingException e) {
      throw new JournalException("cannot list the tickets awaiting a card", e);
    }
  }

  private static List<JournalEntry> read(PreparedStatement q)
      throws SQLException, JsonProcessingException {
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
