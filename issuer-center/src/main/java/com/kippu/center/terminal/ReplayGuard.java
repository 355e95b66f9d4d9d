package com.kippu.center.terminal;

import com.kippu.center.db.Database;
import com.kippu.center.db.Dialect;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Remembers the nonce of every authenticated request until its timestamp leaves the allowed clock
 * skew, so a captured request is accepted once: replayed within the window its nonce is known,
 * replayed later its timestamp is stale. The nonces live in the database ({@code request_nonce},
 * unique per caller and nonce), not in one node's memory: with several center nodes on one
 * database, a request replayed to another node than the one that saw it is refused too. Expired
 * rows are purged at most once per {@link #PURGE_PAUSE} per node; a nonce whose row expired but is
 * not purged yet is taken as new (its request would be stale anyway).
 *
 * <p>On PostgreSQL the insert commits without waiting for its WAL flush: a crash of the database
 * server may forget the nonces of the last fraction of a second, and only those. Requests that move
 * money or seats are idempotent by their request number besides; the nonce keeps the rest (a wrong
 * PIN, a read) from being counted twice.
 */
public final class ReplayGuard {
  /** What remembering a nonce found. */
  public enum Use {
    FIRST,
    REPLAYED
  }

  static final Duration PURGE_PAUSE = Duration.ofSeconds(30);

  /** Nonces written per transaction at most. */
  static final int BATCH = 256;

  /** Inserts the nonce, or takes over an expired row of the same nonce; no row changed = replay. */
  private static final String REMEMBER =
      "INSERT INTO request_nonce (caller, nonce, expires_at) VALUES (?, ?, ?)"
          + " ON CONFLICT (caller, nonce) DO UPDATE SET expires_at = excluded.expires_at"
          + " WHERE request_nonce.expires_at < ?";

  private final Database db;
  private final Clock clock;
  private final AtomicLong lastPurge = new AtomicLong(Long.MIN_VALUE);
  private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writing = new ReentrantLock();

  /** A nonce waiting to be written, and what writing it found. */
  private record Pending(
      String caller, String nonce, long forgetAfter, CompletableFuture<Use> done) {}

  public ReplayGuard(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Remembers {@code nonce} of {@code caller} until {@code forgetAfter}; says whether it was new.
   * Concurrent calls are written together: whoever takes the write lock writes every nonce waiting,
   * in one transaction (one commit for many requests, as the hold batches do).
   */
  public Use use(String caller, String nonce, Instant forgetAfter) {
    long now = clock.millis();
    purgeIfDue(now);
    Pending mine =
        new Pending(caller, nonce, forgetAfter.toEpochMilli(), new CompletableFuture<>());
    waiting.add(mine);
    writing.lock();
    try {
      while (!mine.done().isDone()) {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; batch.size() < BATCH && (p = waiting.poll()) != null; ) {
          batch.add(p);
        }
        write(batch, now);
      }
    } finally {
      writing.unlock();
    }
    try {
      return mine.done().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Writes {@code batch} in one transaction; a row not changed is a nonce seen before. */
  private void write(List<Pending> batch, long now) {
    int[] changed;
    try {
      changed =
          db.write(
              c -> {
                if (db.dialect() == Dialect.POSTGRESQL) {
                  try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL synchronous_commit TO OFF");
                  }
                }
                try (PreparedStatement ps = c.prepareStatement(REMEMBER)) {
                  for (Pending p : batch) {
                    ps.setString(1, p.caller());
                    ps.setString(2, p.nonce());
                    ps.setLong(3, p.forgetAfter());
                    ps.setLong(4, now);
                    ps.addBatch();
                  }
                  return ps.executeBatch();
                }
              });
    } catch (RuntimeException e) {
      batch.forEach(p -> p.done().completeExceptionally(e));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(changed[i] == 1 ? Use.FIRST : Use.REPLAYED);
    }
  }

  /** Deletes the rows whose window has passed, at most once per pause on this node. */
  private void purgeIfDue(long now) {
    long last = lastPurge.get();
    if (last != Long.MIN_VALUE && now - last < PURGE_PAUSE.toMillis()) {
      return;
    }
    if (!lastPurge.compareAndSet(last, now)) {
      return;
    }
    purgeExpired(now);
  }

  /** Deletes every nonce whose window ended before {@code now} (epoch ms); how many went. */
  int purgeExpired(long now) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM request_nonce WHERE expires_at < ?")) {
            ps.setLong(1, now);
            return ps.executeUpdate();
          }
        });
  }

  /** How many nonces the database holds now (expired ones not yet purged included). */
  public int size() {
    return db.read(
        c -> {
          try (Statement st = c.createStatement();
              var rs = st.executeQuery("SELECT COUNT(*) FROM request_nonce")) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }
}
