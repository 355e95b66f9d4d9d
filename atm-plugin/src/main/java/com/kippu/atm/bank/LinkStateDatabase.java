package com.kippu.atm.bank;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.sqlite.SQLiteConfig;

/**
 * The link's state file (or a private in-memory database) behind one SQLite connection shared by
 * every store of this process that opens the same file, with group commit: each {@link
 * #inTransaction} call is queued to one writer thread, which runs the calls waiting at that moment
 * in one BEGIN IMMEDIATE transaction, commits once (WAL, synchronous=FULL) and only then returns to
 * the callers. Every call is thus atomic and on disk before it returns, while one set of fsyncs
 * serves a whole batch of concurrent callers. BEGIN IMMEDIATE with a busy timeout still serializes
 * with other processes.
 *
 * <p>A failing call is rolled back alone: the batch runs first without savepoints (the usual case,
 * where every call succeeds); when a call fails, the whole transaction is rolled back and the batch
 * runs again with each call inside its own savepoint, so the failing one is undone and the others
 * commit. Calls must therefore be repeatable: their effects live in the database only. Statements
 * are prepared once per connection and reused ({@link Tx#prepare}).
 */
final class LinkStateDatabase implements AutoCloseable {
  private static final int BUSY_TIMEOUT_MILLIS = 10_000;
  private static final int MAX_BATCH = 128;
  private static final Map<String, Engine> OPEN = new HashMap<>();

  private final Engine engine;
  private final String key;
  private boolean closed;

  private LinkStateDatabase(Engine engine, String key) {
    this.engine = engine;
    this.key = key;
  }

  /** Opens (creating if needed) the database in {@code file}; shared with other openers. */
  static LinkStateDatabase open(Path file) {
    String key = file.toAbsolutePath().normalize().toString();
    synchronized (OPEN) {
      Engine engine = OPEN.get(key);
      if (engine == null) {
        engine = Engine.start("jdbc:sqlite:" + key);
        OPEN.put(key, engine);
      }
      engine.references++;
      return new LinkStateDatabase(engine, key);
    }
  }

  /** A database that lives as long as this object: nothing survives {@link #close()}. */
  static LinkStateDatabase inMemory() {
    Engine engine = Engine.start("jdbc:sqlite::memory:");
    engine.references = 1;
    return new LinkStateDatabase(engine, null);
  }

  /**
   * Runs {@code work} in one transaction (a savepoint of a group commit) and returns once it is
   * committed; a failing {@code work} is rolled back and its exception rethrown, unchecked.
   */
  <T> T inTransaction(Work<T> work) {
    CompletableFuture<T> result = inTransactionAsync(work);
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LinkStateException("interrupted waiting for the link state", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new LinkStateException("link state transaction failed", e.getCause());
    }
  }

  /**
   * As {@link #inTransaction}, without waiting: completes once committed, on the writer thread,
   * which runs what depends on it before it starts the next batch, so keep that short. A call into
   * this database from there runs at once, outside any batch, in autocommit (each statement
   * committed on its own).
   */
  <T> CompletableFuture<T> inTransactionAsync(Work<T> work) {
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(
            new LinkStateException("link state database is closed", null));
      }
    }
    return engine.submit(work);
  }

  /** Calls waiting for the writer now (not counting the batch it is running). */
  int queuedCalls() {
    return engine.queue.size();
  }

  /**
   * Commits so far, the calls they carried, and the batches that had to run again with a savepoint
   * per call because one failed.
   */
  long[] commitStatistics() {
    synchronized (engine) {
      return new long[] {engine.commits, engine.calls, engine.retried};
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    boolean last;
    synchronized (OPEN) {
      last = --engine.references == 0;
      if (last && key != null) {
        OPEN.remove(key);
      }
    }
    if (last) {
      engine.stop();
    }
  }

  /** Work inside one transaction; it may run more than once (see the class comment). */
  interface Work<T> {
    T run(Tx tx) throws SQLException;
  }

  /** The writer's connection inside a transaction, with its statements prepared once. */
  static final class Tx {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private Tx(Connection connection) {
      this.connection = connection;
    }

    /**
     * {@code sql} prepared on this connection, reused across transactions: set every parameter,
     * close result sets, never close the statement.
     */
    PreparedStatement prepare(String sql) throws SQLException {
      PreparedStatement ps = statements.get(sql);
      if (ps == null) {
        ps = connection.prepareStatement(sql);
        statements.put(sql, ps);
      }
      return ps;
    }

    /** For statements run once (schema changes); close what is created from it. */
    Connection connection() {
      return connection;
    }

    private void closeStatements() {
      for (PreparedStatement ps : statements.values()) {
        try {
          ps.close();
        } catch (SQLException e) {
          // closing the connection next releases it anyway
        }
      }
      statements.clear();
    }
  }

  /** One connection and its writer thread. */
  private static final class Engine {
    private final Connection connection;
    private final Tx tx;
    private final BlockingQueue<Op<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean stopped;
    int references;
    private long commits;
    private long calls;
    private long retried;

    private Engine(Connection connection) {
      this.connection = connection;
      this.tx = new Tx(connection);
      this.writer = new Thread(this::writeLoop, "link-state-writer");
      writer.setDaemon(true);
    }

    static Engine start(String url) {
      SQLiteConfig config = new SQLiteConfig();
      // WAL: a commit is one append and one fsync; with FULL it is durable when COMMIT returns.
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      // Money-relevant rows (a STAN handed out, a reversal queued) must be on disk before the
      // message they belong to leaves the terminal.
      config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
      // Deleted rows (account numbers of confirmed reversals) are overwritten with zeros, not
      // merely unlinked, so they cannot be recovered from the file's free pages.
      config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
      try {
        Engine e = new Engine(config.createConnection(url));
        e.writer.start();
        return e;
      } catch (SQLException e) {
        throw new LinkStateException("link state database could not be opened", e);
      }
    }

    <T> CompletableFuture<T> submit(Work<T> work) {
      if (Thread.currentThread() == writer) {
        // A store called from inside another store's work: part of the same transaction, and it
        // fails (and is repeated) with it.
        try {
          return CompletableFuture.completedFuture(work.run(tx));
        } catch (SQLException e) {
          throw new LinkStateException("link state transaction failed", e);
        }
      }
      if (stopped) {
        return CompletableFuture.failedFuture(
            new LinkStateException("link state database is closed", null));
      }
      Op<T> op = new Op<>(work);
      queue.add(op);
      return op.result;
    }

    void stop() {
      stopped = true;
      queue.add(Op.POISON);
      try {
        writer.join(BUSY_TIMEOUT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try {
        tx.closeStatements();
        connection.close();
      } catch (SQLException e) {
        throw new LinkStateException("link state database could not be closed", e);
      }
    }

    private void writeLoop() {
      List<Op<?>> batch = new ArrayList<>(MAX_BATCH);
      while (true) {
        try {
          batch.add(queue.take());
        } catch (InterruptedException e) {
          return;
        }
        queue.drainTo(batch, MAX_BATCH - 1);
        boolean poisoned = batch.remove(Op.POISON);
        if (!batch.isEmpty()) {
          commit(batch);
        }
        batch.clear();
        if (poisoned) {
          List<Op<?>> left = new ArrayList<>();
          queue.drainTo(left);
          left.forEach(
              op -> op.fail(new LinkStateException("link state database is closed", null)));
          return;
        }
      }
    }

    private void commit(List<Op<?>> batch) {
      try (Statement control = connection.createStatement()) {
        // IMMEDIATE: the write lock is taken before anything is read, so a read-then-update (the
        // STAN counter) cannot interleave with another process's.
        control.execute("BEGIN IMMEDIATE");
        try {
          boolean allRan = true;
          for (Op<?> op : batch) {
            allRan &= op.runIn(tx);
          }
          if (!allRan) {
            // Start again with a savepoint per call, so only the failing ones are undone.
            control.execute("ROLLBACK");
            control.execute("BEGIN IMMEDIATE");
            for (int i = 0; i < batch.size(); i++) {
              batch.get(i).runInSavepoint(tx, control, "op" + i);
            }
          }
          control.execute("COMMIT");
          synchronized (this) {
            commits++;
            calls += batch.size();
            retried += allRan ? 0 : 1;
          }
        } catch (SQLException | RuntimeException e) {
          control.execute("ROLLBACK");
          throw e;
        }
      } catch (SQLException | RuntimeException e) {
        LinkStateException failure = new LinkStateException("link state transaction failed", e);
        batch.forEach(op -> op.fail(failure));
        return;
      }
      batch.forEach(Op::complete);
    }
  }

  private static final class Op<T> {
    static final Op<Object> POISON = new Op<>(c -> null);

    final Work<T> work;
    final CompletableFuture<T> result = new CompletableFuture<>();
    private T value;
    private RuntimeException failure;

    Op(Work<T> work) {
      this.work = work;
    }

    /** Runs the work without a savepoint; false when it failed (the transaction is then dirty). */
    boolean runIn(Tx tx) {
      try {
        value = work.run(tx);
        failure = null;
        return true;
      } catch (SQLException | RuntimeException e) {
        value = null;
        failure = asFailure(e);
        return false;
      }
    }

    /** Runs the work inside its own savepoint, rolled back if it fails. */
    void runInSavepoint(Tx tx, Statement control, String savepoint) throws SQLException {
      control.execute("SAVEPOINT " + savepoint);
      if (runIn(tx)) {
        control.execute("RELEASE " + savepoint);
      } else {
        control.execute("ROLLBACK TO " + savepoint);
        control.execute("RELEASE " + savepoint);
      }
    }

    private static RuntimeException asFailure(Exception e) {
      return e instanceof RuntimeException r
          ? r
          : new LinkStateException("link state transaction failed", e);
    }

    /** After the commit: hands out the work's value, or its failure. */
    void complete() {
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(value);
      }
    }

    void fail(RuntimeException e) {
      result.completeExceptionally(e);
    }
  }
}
