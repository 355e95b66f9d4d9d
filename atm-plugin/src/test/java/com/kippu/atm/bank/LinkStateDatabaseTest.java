package com.kippu.atm.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit of the link state on a real file with real threads. */
class LinkStateDatabaseTest {
  @TempDir Path dir;

  private final ExecutorService callers = Executors.newFixedThreadPool(8);

  @AfterEach
  void stopCallers() {
    callers.shutdownNow();
  }

  @Test
  void failingCallInABatchIsUndoneAloneWhileTheOthersCommit() throws Exception {
    Path file = dir.resolve("state.db");
    try (LinkStateDatabase db = LinkStateDatabase.open(file)) {
      createTable(db);
      CountDownLatch writerBusy = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Future<?> holder = callers.submit(() -> db.inTransaction(tx -> hold(writerBusy, release)));
      writerBusy.await();
      IllegalStateException boom = new IllegalStateException("b refused after writing");
      Future<?> a = callers.submit(() -> insert(db, "a", null));
      Future<?> b = callers.submit(() -> insert(db, "b", boom));
      Future<?> c = callers.submit(() -> insert(db, "c", null));
      awaitQueued(db, 3);
      release.countDown();

      holder.get();
      a.get();
      c.get();
      ExecutionException e = assertThrows(ExecutionException.class, b::get);
      assertSame(boom, e.getCause());
      assertEquals(List.of("a", "c"), values(db));
      long[] stats = db.commitStatistics();
      assertEquals(1, stats[2], "one batch ran again with savepoints");
    }
    try (LinkStateDatabase reopened = LinkStateDatabase.open(file)) {
      assertEquals(List.of("a", "c"), values(reopened), "committed to the file");
    }
  }

  @Test
  void callsWaitingTogetherShareOneCommit() throws Exception {
    try (LinkStateDatabase db = LinkStateDatabase.open(dir.resolve("state.db"))) {
      createTable(db);
      CountDownLatch writerBusy = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Future<?> holder = callers.submit(() -> db.inTransaction(tx -> hold(writerBusy, release)));
      writerBusy.await();
      long[] before = db.commitStatistics();
      List<Future<?>> inserts = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String v = "v" + i;
        inserts.add(callers.submit(() -> insert(db, v, null)));
      }
      awaitQueued(db, 5);
      release.countDown();
      holder.get();
      for (Future<?> f : inserts) {
        f.get();
      }
      long[] after = db.commitStatistics();
      assertEquals(2, after[0] - before[0], "the held call's commit, then one for all five");
      assertEquals(6, after[1] - before[1]);
      assertEquals(0, after[2] - before[2]);
      assertEquals(5, values(db).size());
    }
  }

  @Test
  void statementsAreReusedAcrossTransactions() {
    try (LinkStateDatabase db = LinkStateDatabase.open(dir.resolve("state.db"))) {
      createTable(db);
      PreparedStatement first = db.inTransaction(tx -> tx.prepare("SELECT v FROM t"));
      PreparedStatement second = db.inTransaction(tx -> tx.prepare("SELECT v FROM t"));
      assertSame(first, second);
    }
  }

  private static Object hold(CountDownLatch busy, CountDownLatch release) {
    busy.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  /** Waits, without sleeping, until {@code n} calls are queued behind the writer's batch. */
  private static void awaitQueued(LinkStateDatabase db, int n) {
    while (db.queuedCalls() < n) {
      Thread.onSpinWait();
    }
  }

  private static void createTable(LinkStateDatabase db) {
    db.inTransaction(
        tx -> {
          try (Statement s = tx.connection().createStatement()) {
            s.executeUpdate("CREATE TABLE t (v TEXT PRIMARY KEY)");
          }
          return null;
        });
  }

  private static Object insert(LinkStateDatabase db, String value, RuntimeException thenFail) {
    return db.inTransaction(
        tx -> {
          PreparedStatement ps = tx.prepare("INSERT INTO t(v) VALUES (?)");
          ps.setString(1, value);
          ps.executeUpdate();
          if (thenFail != null) {
            throw thenFail;
          }
          return null;
        });
  }

  private static List<String> values(LinkStateDatabase db) {
    return db.inTransaction(
        tx -> {
          List<String> out = new ArrayList<>();
          try (ResultSet rs = tx.prepare("SELECT v FROM t ORDER BY v").executeQuery()) {
            while (rs.next()) {
              out.add(rs.getString(1));
            }
          }
          return out;
        });
  }
}
