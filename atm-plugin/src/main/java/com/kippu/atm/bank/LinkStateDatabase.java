package com.kippu.atm.bank;

import com.kippu.atm.store.GroupCommitWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sqlite.SQLiteConfig;

/**
 * The link's state file (or a private in-memory database) behind one {@link GroupCommitWriter}
 * shared by every store of this process that opens the same file: each {@link #inTransaction} call
 * is atomic and on disk (WAL, synchronous=FULL) before it returns, while one set of fsyncs serves a
 * whole batch of concurrent callers, and a failing call is rolled back alone. Calls must therefore
 * be repeatable: their effects live in the database only.
 */
final class LinkStateDatabase implements AutoCloseable {
  private static final int MAX_BATCH = 128;
  private static final Map<String, Shared> OPEN = new HashMap<>();

  private final Shared shared;
  private final String key;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LinkStateDatabase(Shared shared, String key) {
    this.shared = shared;
    this.key = key;
  }

  /** Opens (creating if needed) the database in {@code file}; shared with other openers. */
  static LinkStateDatabase open(Path file) {
    String key = file.toAbsolutePath().normalize().toString();
    synchronized (OPEN) {
      Shared shared = OPEN.get(key);
      if (shared == null) {
        shared = new Shared(start("jdbc:sqlite:" + key));
        OPEN.put(key, shared);
      }
      shared.references++;
      return new LinkStateDatabase(shared, key);
    }
  }

  /** A database that lives as long as this object: nothing survives {@link #close()}. */
  static LinkStateDatabase inMemory() {
    Shared shared = new Shared(start("jdbc:sqlite::memory:"));
    shared.references = 1;
    return new LinkStateDatabase(shared, null);
  }

  private static GroupCommitWriter start(String url) {
    // Money-relevant rows (a STAN handed out, a reversal queued) must be on disk before the
    // message they belong to leaves the terminal: the writer's WAL with synchronous=FULL.
    SQLiteConfig config = GroupCommitWriter.durableConfig();
    // Deleted rows (account numbers of confirmed reversals) are overwritten with zeros, not
    // merely unlinked, so they cannot be recovered from the file's free pages.
    config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
    return GroupCommitWriter.open(
        url,
        config,
        new GroupCommitWriter.Settings(
            "link-state-writer", MAX_BATCH, "link state", LinkStateException::new));
  }

  /**
   * Runs {@code work} in one transaction (a savepoint of a group commit) and returns once it is
   * committed; a failing {@code work} is rolled back and its exception rethrown, unchecked.
   */
  <T> T inTransaction(Work<T> work) {
    return shared.writer.await(inTransactionAsync(work));
  }

  /**
   * As {@link #inTransaction}, without waiting: completes once committed, on the writer thread,
   * which runs what depends on it before it starts the next batch, so keep that short. A call into
   * this database from there runs at once, outside any batch, in autocommit (each statement
   * committed on its own); a call from inside another call's work joins its transaction.
   */
  <T> CompletableFuture<T> inTransactionAsync(Work<T> work) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(new LinkStateException("link state is closed", null));
    }
    return shared.writer.inTransactionAsync(tx -> work.run(new Tx(tx)));
  }

  /** Calls waiting for the writer now (not counting the batch it is running). */
  int queuedCalls() {
    return shared.writer.queued();
  }

  /**
   * Commits so far, the calls they carried, and the batches that had to run again with a savepoint
   * per call because one failed.
   */
  long[] commitStatistics() {
    GroupCommitWriter.Statistics s = shared.writer.statistics();
    return new long[] {s.commits(), s.calls(), s.retried()};
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    boolean last;
    synchronized (OPEN) {
      last = --shared.references == 0;
      if (last && key != null) {
        OPEN.remove(key);
      }
    }
    if (last) {
      shared.writer.close();
    }
  }

  /** Work inside one transaction; it may run more than once (see the class comment). */
  interface Work<T> {
    T run(Tx tx) throws SQLException;
  }

  /** The writer's connection inside a transaction, with its statements prepared once. */
  static final class Tx {
    private final GroupCommitWriter.Tx tx;

    private Tx(GroupCommitWriter.Tx tx) {
      this.tx = tx;
    }

    /** See {@link GroupCommitWriter.Tx#prepare}: reused, never close it. */
    PreparedStatement prepare(String sql) throws SQLException {
      return tx.prepare(sql);
    }

    /** For statements run once (schema changes); close what is created from it. */
    Connection connection() {
      return tx.connection();
    }
  }

  /** One writer and the handles open on it; guarded by {@link #OPEN}. */
  private static final class Shared {
    final GroupCommitWriter writer;
    int references;

    Shared(GroupCommitWriter writer) {
      this.writer = writer;
    }
  }
}
