package com.kippu.atm.bank;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite connection to the link's state file (or to a private in-memory database), used by one
 * store at a time: {@link #inTransaction} is synchronized, so callers in this process are
 * serialized, and BEGIN IMMEDIATE with a busy timeout serializes them with other connections to the
 * same file. The connection stays in auto-commit mode between transactions: the driver's
 * non-auto-commit mode would begin the next transaction at once and hold the write lock while idle,
 * blocking every other connection to the file.
 */
final class LinkStateDatabase implements AutoCloseable {
  private static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private final Connection connection;
  private boolean closed;

  private LinkStateDatabase(Connection connection) {
    this.connection = connection;
  }

  /** Opens (creating if needed) the database in {@code file}. */
  static LinkStateDatabase open(Path file) {
    return connect("jdbc:sqlite:" + file.toAbsolutePath());
  }

  /** A database that lives as long as this object: nothing survives {@link #close()}. */
  static LinkStateDatabase inMemory() {
    return connect("jdbc:sqlite::memory:");
  }

  private static LinkStateDatabase connect(String url) {
    SQLiteConfig config = new SQLiteConfig();
    // Money-relevant rows (a STAN handed out, a reversal queued) must be on disk before the
    // message they belong to leaves the terminal.
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    // Deleted rows (account numbers of confirmed reversals) are overwritten with zeros, not merely
    // unlinked, so they cannot be recovered from the file's free pages.
    config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
    try {
      return new LinkStateDatabase(config.createConnection(url));
    } catch (SQLException e) {
      throw new LinkStateException("link state database could not be opened", e);
    }
  }

  /** Runs {@code work} in one transaction; rolled back and rethrown as unchecked on failure. */
  synchronized <T> T inTransaction(Work<T> work) {
    if (closed) {
      throw new LinkStateException("link state database is closed", null);
    }
    try (Statement control = connection.createStatement()) {
      // IMMEDIATE: the write lock is taken before anything is read, so a read-then-update (the
      // STAN counter) cannot interleave with another connection's.
      control.execute("BEGIN IMMEDIATE");
      try {
        T result = work.run(connection);
        control.execute("COMMIT");
        return result;
      } catch (SQLException | RuntimeException e) {
        control.execute("ROLLBACK");
        throw e;
      }
    } catch (SQLException e) {
      throw new LinkStateException("link state transaction failed", e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      connection.close();
    } catch (SQLException e) {
      throw new LinkStateException("link state database could not be closed", e);
    }
  }

  /** Work inside one transaction. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }
}
