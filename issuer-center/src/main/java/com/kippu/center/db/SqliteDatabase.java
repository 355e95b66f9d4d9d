package com.kippu.center.db;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;

/**
 * The center's SQLite file: one writer connection, used by one thread at a time so writes are
 * serialised in-process, and a small pool of reader connections that see the last committed state
 * (WAL). Every unit of work runs in its own transaction, rolled back if it throws.
 */
public final class SqliteDatabase implements Database {
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final Connection writer;
  private final BlockingQueue<Connection> readers;
  private final List<Connection> all = new ArrayList<>();

  private SqliteDatabase(Connection writer, List<Connection> readerConnections) {
    this.writer = writer;
    this.readers = new ArrayBlockingQueue<>(readerConnections.size(), false, readerConnections);
    all.add(writer);
    all.addAll(readerConnections);
  }

  /** Opens (creating if needed) the SQLite file in WAL mode with a busy timeout. */
  public static SqliteDatabase open(Path file, int readerCount, Duration busyTimeout) {
    if (readerCount < 1) {
      throw new IllegalArgumentException("at least one reader connection is needed");
    }
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    List<Connection> readerConnections = new ArrayList<>();
    try {
      Connection writer = config(busyTimeout, true).createConnection(url);
      writer.setAutoCommit(false);
      for (int i = 0; i < readerCount; i++) {
        Connection reader = config(busyTimeout, false).createConnection(url);
        reader.setAutoCommit(false);
        readerConnections.add(reader);
      }
      return new SqliteDatabase(writer, readerConnections);
    } catch (SQLException e) {
      throw new StoreException("cannot open " + file, e);
    }
  }

  private static SQLiteConfig config(Duration busyTimeout, boolean writer) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout((int) busyTimeout.toMillis());
    config.enforceForeignKeys(true);
    if (writer) {
      // Take the write lock at BEGIN so a second process cannot interleave between read and write.
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    }
    return config;
  }

  @Override
  public Dialect dialect() {
    return Dialect.SQLITE;
  }

  /** Runs {@code work} on the single writer connection, committing on return. */
  @Override
  public <T> T write(SqlWork<T> work) {
    writeLock.lock();
    try {
      return inTransaction(writer, work);
    } finally {
      writeLock.unlock();
    }
  }

  /** Runs {@code work} on a reader connection against one consistent snapshot. */
  @Override
  public <T> T read(SqlWork<T> work) {
    Connection reader;
    try {
      reader = readers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted waiting for a reader connection", e);
    }
    try {
      return inTransaction(reader, work);
    } finally {
      readers.add(reader);
    }
  }

  /**
   * Hands {@code work} the writer connection as a data source whose connections do not close it,
   * holding the write lock meanwhile; the writer is back in its own transaction mode afterwards.
   */
  @Override
  public <T> T withDataSource(Function<DataSource, T> work) {
    writeLock.lock();
    try {
      T result;
      try {
        result = work.apply(new BorrowedConnection(writer));
      } catch (RuntimeException | Error e) {
        settleWriter(false, e);
        throw e;
      }
      settleWriter(true, null);
      return result;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Ends whatever the borrower left open on the writer (committed when it succeeded, rolled back
   * when it failed) and puts the writer back into its own transaction mode.
   */
  private void settleWriter(boolean succeeded, Throwable failure) {
    try {
      if (writer.getAutoCommit()) {
        writer.setAutoCommit(false);
      } else if (succeeded) {
        writer.commit();
      } else {
        writer.rollback();
      }
    } catch (SQLException e) {
      if (failure != null) {
        failure.addSuppressed(e);
        return;
      }
      throw new StoreException("cannot reset the writer connection: " + e.getMessage(), e);
    }
  }

  /**
   * The pool of one file: reader connections idle and in use, and how many threads wait for the
   * single writer.
   */
  @Override
  public void bindMetrics(MeterRegistry registry) {
    int total = all.size() - 1;
    Gauge.builder("kippu.db.readers.idle", readers, BlockingQueue::size)
        .description("SQLite reader connections free")
        .register(registry);
    Gauge.builder("kippu.db.readers.active", readers, q -> total - q.size())
        .description("SQLite reader connections in use")
        .register(registry);
    Gauge.builder("kippu.db.writer.waiting", writeLock, ReentrantLock::getQueueLength)
        .description("threads waiting for the SQLite writer connection")
        .register(registry);
  }

  private static <T> T inTransaction(Connection connection, SqlWork<T> work) {
    try {
      T result = work.run(connection);
      connection.commit();
      return result;
    } catch (SQLException e) {
      rollback(connection, e);
      throw new StoreException("database operation failed: " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      rollback(connection, e);
      throw e;
    }
  }

  private static void rollback(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      for (Connection c : all) {
        try {
          c.close();
        } catch (SQLException e) {
          // Closing is best effort; the OS reclaims the file handles.
        }
      }
    } finally {
      writeLock.unlock();
    }
  }
}
