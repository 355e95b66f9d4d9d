package com.kippu.atm.bank;

import java.nio.file.Path;
import java.sql.Connection;
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
 * in one BEGIN IMMEDIATE transaction, each inside its own savepoint (a failing call is rolled back
 * alone), commits once (WAL, synchronous=FULL) and only then returns to the callers. Every call is
 * thus atomic and on disk before it returns, while one set of fsyncs serves a whole batch of
 * concurrent callers. BEGIN IMMEDIATE with a busy timeout still serializes with other processes.
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
    synchronized (this) {
      if (closed) {
        throw new LinkStateException("link state database is closed", null);
      }
    }
    return engine.submit(work);
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

  /** Work inside one transaction. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** One connection and its writer thread. */
  private static final class Engine {
    private final Connection connection;
    private final BlockingQueue<Op<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean stopped;
    int references;

    private Engine(Connection connection) {
      this.connection = connection;
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

    <T> T submit(Work<T> work) {
      if (Thread.currentThread() == writer) {
        // A store called from inside another store's work: part of the same transaction.
        Op<T> nested = new Op<>(work);
        try {
          nested.runIn(connection, "nested");
        } catch (SQLException e) {
          throw new LinkStateException("link state transaction failed", e);
        }
        return nested.get();
      }
      if (stopped) {
        throw new LinkStateException("link state database is closed", null);
      }
      Op<T> op = new Op<>(work);
      queue.add(op);
      try {
        op.result.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LinkStateException("interrupted waiting for the link state", e);
      } catch (ExecutionException e) {
        // completed exceptionally only by a failed commit; see get()
      }
      return op.get();
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
          for (int i = 0; i < batch.size(); i++) {
            batch.get(i).runIn(connection, "op" + i);
          }
          control.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
          control.execute("ROLLBACK");
          throw e;
        }
        batch.forEach(op -> op.result.complete(null));
      } catch (SQLException | RuntimeException e) {
        LinkStateException failure = new LinkStateException("link state transaction failed", e);
        batch.forEach(op -> op.fail(failure));
      }
    }
  }

  private static final class Op<T> {
    static final Op<Object> POISON = new Op<>(c -> null);

    final Work<T> work;
    final CompletableFuture<Void> result = new CompletableFuture<>();
    private T value;
    private RuntimeException failure;

    Op(Work<T> work) {
      this.work = work;
    }

    void runIn(Connection c, String savepoint) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute("SAVEPOINT " + savepoint);
        try {
          value = work.run(c);
          s.execute("RELEASE " + savepoint);
        } catch (SQLException | RuntimeException e) {
          s.execute("ROLLBACK TO " + savepoint);
          s.execute("RELEASE " + savepoint);
          failure =
              e instanceof RuntimeException r
                  ? r
                  : new LinkStateException("link state transaction failed", e);
        }
      }
    }

    void fail(RuntimeException e) {
      failure = e;
      value = null;
      result.complete(null);
    }

    T get() {
      if (failure != null) {
        throw failure;
      }
      return value;
    }
  }
}
