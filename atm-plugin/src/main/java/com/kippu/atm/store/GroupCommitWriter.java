package com.kippu.atm.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiFunction;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite connection written by one thread with group commit: each submitted {@link Work} is
 * queued to the writer thread, which runs the work waiting at that moment (at most {@link
 * Settings#maxBatch}) in one BEGIN IMMEDIATE transaction, commits once (WAL, synchronous=FULL) and
 * only then completes the callers. Every work is thus atomic and on disk before its caller hears of
 * it, while one set of fsyncs serves a whole batch; BEGIN IMMEDIATE with the busy timeout still
 * serializes with other connections and processes.
 *
 * <p>A failing work is rolled back alone: the batch runs first without savepoints (the usual case);
 * when a work fails, the transaction is rolled back and the batch runs again with each work inside
 * its own savepoint, so the failing one is undone and the others commit. Work must therefore be
 * repeatable: its effects live in the database only. Statements are prepared once per connection
 * and reused ({@link Tx#prepare}). {@link #close} commits what was submitted before it, then fails
 * later submissions. Crash tests may stop the process after a batch that changed rows is committed
 * and before its callers hear of it ({@link CrashPoints}, named by the writer's thread).
 */
public final class GroupCommitWriter implements AutoCloseable {
  private static final int DEFAULT_BUSY_TIMEOUT_MILLIS = 10_000;

  private final Settings settings;
  private final Connection connection;
  private final Tx tx;
  private final BlockingQueue<Op<?>> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final int closeWaitMillis;
  private final Object lock = new Object();
  private boolean stopped;
  private long commits;
  private long calls;
  private long retried;

  private GroupCommitWriter(Connection connection, Settings settings, int closeWaitMillis) {
    this.settings = settings;
    this.connection = connection;
    this.tx = new Tx(connection);
    this.closeWaitMillis = closeWaitMillis;
    this.writer = new Thread(this::writeLoop, settings.threadName());
    writer.setDaemon(true);
  }

  /**
   * A new configuration with what the writer's guarantees need: WAL (a commit is one append and one
   * fsync), synchronous=FULL (durable when COMMIT returns) and a busy timeout of 10 s. Add pragmas
   * of your own before {@link #open}.
   */
  public static SQLiteConfig durableConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(DEFAULT_BUSY_TIMEOUT_MILLIS);
    return config;
  }

  /**
   * Opens {@code url} ({@code jdbc:sqlite:} and a file, or {@code jdbc:sqlite::memory:}) with
   * {@code config} and starts the writer thread.
   *
   * @throws IllegalArgumentException when {@code config} is not WAL with synchronous=FULL (start
   *     from {@link #durableConfig})
   * @throws RuntimeException of {@link Settings#failure} when the database cannot be opened
   */
  public static GroupCommitWriter open(String url, SQLiteConfig config, Settings settings) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(settings, "settings");
    requirePragma(config, SQLiteConfig.Pragma.JOURNAL_MODE, SQLiteConfig.JournalMode.WAL.name());
    requirePragma(
        config, SQLiteConfig.Pragma.SYNCHRONOUS, SQLiteConfig.SynchronousMode.FULL.name());
    Connection connection;
    try {
      connection = config.createConnection(url);
    } catch (SQLException e) {
      throw settings.fail("could not be opened", e);
    }
    int closeWait = Math.max(config.getBusyTimeout(), DEFAULT_BUSY_TIMEOUT_MILLIS);
    GroupCommitWriter w = new GroupCommitWriter(connection, settings, closeWait);
    w.writer.start();
    return w;
  }

  private static void requirePragma(SQLiteConfig config, SQLiteConfig.Pragma pragma, String want) {
    Properties p = config.toProperties();
    String is = p.getProperty(pragma.getPragmaName());
    if (!want.equalsIgnoreCase(is)) {
      throw new IllegalArgumentException(
          pragma.getPragmaName() + " must be " + want + " for group commit, not " + is);
    }
  }

  /**
   * Runs {@code work} in a transaction of a group commit and returns once it is committed; a
   * failing {@code work} is rolled back alone and its exception rethrown (an SQLException wrapped
   * by {@link Settings#failure}).
   */
  public <T> T inTransaction(Work<T> work) {
    return await(inTransactionAsync(work));
  }

  /**
   * As {@link #inTransaction}, without waiting: completes once committed, on the writer thread,
   * which runs what depends on it before it starts the next batch, so keep that short. Called on
   * the writer thread, {@code work} runs at once: inside the work being run, as part of its
   * transaction (and repeated with it); from what depends on a result, outside any batch in
   * autocommit (each statement committed on its own).
   */
  public <T> CompletableFuture<T> inTransactionAsync(Work<T> work) {
    Objects.requireNonNull(work, "work");
    if (Thread.currentThread() == writer) {
      try {
        return CompletableFuture.completedFuture(work.run(tx));
      } catch (SQLException e) {
        throw settings.fail("transaction failed", e);
      }
    }
    Op<T> op = new Op<>(work);
    synchronized (lock) {
      // Under the lock with close(): what is queued before the poison is committed, nothing after.
      if (stopped) {
        return CompletableFuture.failedFuture(settings.fail("is closed", null));
      }
      queue.add(op);
    }
    return op.result;
  }

  /**
   * Waits for {@code result}, a future of this writer: its value, or its failure rethrown as {@link
   * #inTransaction} does; interrupted, keeps the interrupt flag and throws the failure.
   */
  public <T> T await(CompletableFuture<T> result) {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw settings.failure().apply("interrupted waiting for the " + settings.subject(), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw settings.fail("transaction failed", e.getCause());
    }
  }

  /** Work waiting for the writer now (not counting the batch it is running). */
  public int queued() {
    return queue.size();
  }

  /** What was committed so far. */
  public Statistics statistics() {
    synchronized (lock) {
      return new Statistics(commits, calls, retried);
    }
  }

  /**
   * Commits the work submitted before this call, fails later submissions, waits for the writer (at
   * most the busy timeout, and at least 10 s) and closes the connection; idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopped = true;
      queue.add(Op.POISON);
    }
    try {
      writer.join(closeWaitMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      tx.closeStatements();
      connection.close();
    } catch (SQLException e) {
      throw settings.fail("could not be closed", e);
    }
  }

  /**
   * How a writer is named and fails.
   *
   * @param threadName the writer thread's name
   * @param maxBatch the most work one commit carries
   * @param subject what the database is, for messages ("ledger": "ledger transaction failed")
   * @param failure makes the exception thrown for a message and a cause (may be null), so each
   *     owner keeps its own exception type
   */
  public record Settings(
      String threadName,
      int maxBatch,
      String subject,
      BiFunction<String, Throwable, ? extends RuntimeException> failure) {
    public Settings {
      Objects.requireNonNull(threadName, "threadName");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(failure, "failure");
      if (maxBatch < 1) {
        throw new IllegalArgumentException("maxBatch must be positive: " + maxBatch);
      }
    }

    private RuntimeException fail(String what, Throwable cause) {
      return failure.apply(subject + " " + what, cause);
    }
  }

  /**
   * Commits so far, the work they carried, and the batches that ran again with a savepoint per work
   * because one failed.
   */
  public record Statistics(long commits, long calls, long retried) {}

  /** Work inside one transaction; it may run more than once (see the class comment). */
  @FunctionalInterface
  public interface Work<T> {
    T run(Tx tx) throws SQLException;
  }

  /** The writer's connection inside a transaction, with its statements prepared once. */
  public static final class Tx {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private Tx(Connection connection) {
      this.connection = connection;
    }

    /**
     * {@code sql} prepared on this connection, reused across transactions: set every parameter,
     * close result sets, never close the statement.
     */
    public PreparedStatement prepare(String sql) throws SQLException {
      PreparedStatement ps = statements.get(sql);
      if (ps == null) {
        ps = connection.prepareStatement(sql);
        statements.put(sql, ps);
      }
      return ps;
    }

    /**
     * For statements run once (schema changes); close what is created from it, never begin, end or
     * close a transaction on it.
     */
    public Connection connection() {
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

  private void writeLoop() {
    int maxBatch = settings.maxBatch();
    List<Op<?>> batch = new ArrayList<>(maxBatch);
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        // Nobody but this class should stop the writer; if it happens, nobody is left waiting.
        failQueued();
        return;
      }
      queue.drainTo(batch, maxBatch - 1);
      boolean poisoned = batch.remove(Op.POISON);
      if (!batch.isEmpty()) {
        commit(batch);
      }
      batch.clear();
      if (poisoned) {
        failQueued();
        return;
      }
    }
  }

  private void failQueued() {
    List<Op<?>> left = new ArrayList<>();
    synchronized (lock) {
      stopped = true;
      queue.drainTo(left);
    }
    left.remove(Op.POISON);
    left.forEach(op -> op.result.completeExceptionally(settings.fail("is closed", null)));
  }

  /** One transaction for the batch; callers are completed only after COMMIT returned. */
  private void commit(List<Op<?>> batch) {
    boolean wrote;
    try (Statement control = connection.createStatement()) {
      long changesBefore = CrashPoints.enabled() ? totalChanges(control) : 0;
      // IMMEDIATE: the write lock is taken before anything is read, so a read-then-update cannot
      // interleave with another connection's.
      control.execute("BEGIN IMMEDIATE");
      try {
        boolean allRan = true;
        for (Op<?> op : batch) {
          allRan &= op.runIn(tx, settings);
        }
        if (!allRan) {
          // Start again with a savepoint per work, so only the failing ones are undone.
          control.execute("ROLLBACK");
          control.execute("BEGIN IMMEDIATE");
          for (int i = 0; i < batch.size(); i++) {
            batch.get(i).runInSavepoint(tx, settings, control, "op" + i);
          }
        }
        control.execute("COMMIT");
        wrote = CrashPoints.enabled() && totalChanges(control) != changesBefore;
        synchronized (lock) {
          commits++;
          calls += batch.size();
          retried += allRan ? 0 : 1;
        }
      } catch (SQLException | RuntimeException e) {
        control.execute("ROLLBACK");
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      RuntimeException failure = settings.fail("transaction failed", e);
      batch.forEach(op -> op.result.completeExceptionally(failure));
      return;
    }
    if (wrote) {
      // A kill point here leaves the batch on disk with no caller told, as a crash would.
      CrashPoints.committed(settings.threadName());
    }
    batch.forEach(Op::complete);
  }

  /** Rows changed on this connection so far; a batch of reads only leaves it as it was. */
  private static long totalChanges(Statement control) throws SQLException {
    try (ResultSet rs = control.executeQuery("SELECT total_changes()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static final class Op<T> {
    static final Op<Object> POISON = new Op<>(tx -> null);

    final Work<T> work;
    final CompletableFuture<T> result = new CompletableFuture<>();
    private T value;
    private RuntimeException failure;

    Op(Work<T> work) {
      this.work = work;
    }

    /** Runs the work without a savepoint; false when it failed (the transaction is then dirty). */
    boolean runIn(Tx tx, Settings settings) {
      try {
        value = work.run(tx);
        failure = null;
        return true;
      } catch (SQLException | RuntimeException e) {
        value = null;
        failure = e instanceof RuntimeException r ? r : settings.fail("transaction failed", e);
        return false;
      }
    }

    /** Runs the work inside its own savepoint, rolled back alone if it fails. */
    void runInSavepoint(Tx tx, Settings settings, Statement control, String savepoint)
        throws SQLException {
      control.execute("SAVEPOINT " + savepoint);
      if (!runIn(tx, settings)) {
        control.execute("ROLLBACK TO " + savepoint);
      }
      control.execute("RELEASE " + savepoint);
    }

    /** After the commit: hands out the work's value, or its failure. */
    void complete() {
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(value);
      }
    }
  }
}
