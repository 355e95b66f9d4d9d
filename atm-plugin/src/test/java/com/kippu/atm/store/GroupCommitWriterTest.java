package com.kippu.atm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/** The group-commit writer on a real SQLite file with real threads. */
class GroupCommitWriterTest {
  @TempDir Path dir;

  private final ExecutorService callers = Executors.newFixedThreadPool(8);
  private final CountDownLatch writerBusy = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private Path file;
  private GroupCommitWriter writer;

  @BeforeEach
  void openWriter() {
    file = dir.resolve("store.db");
    writer = open(file);
    writer.inTransaction(
        tx -> {
          try (Statement s = tx.connection().createStatement()) {
            s.executeUpdate("CREATE TABLE t (v TEXT PRIMARY KEY)");
          }
          return null;
        });
  }

  @AfterEach
  void closeWriter() {
    release.countDown();
    callers.shutdownNow();
    writer.close();
  }

  @Test
  void concurrentCallersWaitingTogetherShareOneCommit() throws Exception {
    Future<?> held = holdWriter();
    GroupCommitWriter.Statistics before = writer.statistics();
    List<Future<?>> inserts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String v = "v" + i;
      inserts.add(callers.submit(() -> insert(v, null)));
    }
    awaitQueued(6);
    release.countDown();
    held.get();
    for (Future<?> f : inserts) {
      f.get();
    }

    GroupCommitWriter.Statistics after = writer.statistics();
    assertEquals(2, after.commits() - before.commits(), "the held work, then one for all six");
    assertEquals(7, after.calls() - before.calls());
    assertEquals(0, after.retried() - before.retried());
    assertEquals(List.of("v0", "v1", "v2", "v3", "v4", "v5"), committed());
  }

  @Test
  void failingWorkIsRolledBackAloneWhileTheOthersCommit() throws Exception {
    Future<?> held = holdWriter();
    IllegalStateException boom = new IllegalStateException("b refused after writing");
    Future<?> a = callers.submit(() -> insert("a", null));
    awaitQueued(1);
    Future<?> b = callers.submit(() -> insert("b", boom));
    awaitQueued(2);
    Future<?> duplicate = callers.submit(() -> insert("a", null));
    awaitQueued(3);
    Future<?> c = callers.submit(() -> insert("c", null));
    awaitQueued(4);
    release.countDown();

    held.get();
    a.get();
    c.get();
    assertSame(boom, assertThrows(ExecutionException.class, b::get).getCause());
    Throwable refused = assertThrows(ExecutionException.class, duplicate::get).getCause();
    assertInstanceOf(StoreFailure.class, refused, "an SQLException comes as the owner's type");
    assertInstanceOf(SQLException.class, refused.getCause());
    assertEquals(1, writer.statistics().retried(), "the batch ran again with savepoints");
    assertEquals(List.of("a", "c"), committed(), "committed to the file");
  }

  @Test
  void workCalledFromInsideWorkJoinsItsTransaction() throws SQLException {
    IllegalStateException boom = new IllegalStateException("outer fails after the inner wrote");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                writer.inTransaction(
                    tx -> {
                      writer.inTransaction(inner -> insert(inner, "inner"));
                      throw boom;
                    }));

    assertSame(boom, thrown);
    assertEquals(List.of(), committed(), "the inner insert was rolled back with the outer");
  }

  @Test
  void statementsArePreparedOnceAndReused() {
    PreparedStatement first = writer.inTransaction(tx -> tx.prepare("SELECT v FROM t"));
    PreparedStatement second = writer.inTransaction(tx -> tx.prepare("SELECT v FROM t"));

    assertSame(first, second);
  }

  @Test
  void closeCommitsWhatWasSubmittedBeforeAndRefusesWhatComesAfter() throws Exception {
    Future<?> held = holdWriter();
    CompletableFuture<Object> before = writer.inTransactionAsync(tx -> insert(tx, "before"));
    awaitQueued(1);
    Future<?> closing = callers.submit(writer::close);
    awaitQueued(2);

    CompletableFuture<Object> after = writer.inTransactionAsync(tx -> insert(tx, "after"));
    Throwable refused = assertThrows(ExecutionException.class, after::get).getCause();
    assertInstanceOf(StoreFailure.class, refused);
    assertEquals("test store is closed", refused.getMessage());
    release.countDown();
    closing.get();
    held.get();
    before.get();
    assertThrows(StoreFailure.class, () -> writer.inTransaction(tx -> insert(tx, "later")));
    writer.close();

    assertEquals(List.of("before"), committed());
  }

  @Test
  void configurationWithoutFullSynchronousIsRefused() {
    SQLiteConfig config = GroupCommitWriter.durableConfig();
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GroupCommitWriter.open("jdbc:sqlite:" + file, config, settings()));
    assertTrue(e.getMessage().contains("synchronous"), e.getMessage());
  }

  private static GroupCommitWriter open(Path file) {
    return GroupCommitWriter.open(
        "jdbc:sqlite:" + file, GroupCommitWriter.durableConfig(), settings());
  }

  private static GroupCommitWriter.Settings settings() {
    return new GroupCommitWriter.Settings("test-writer", 64, "test store", StoreFailure::new);
  }

  /** Keeps the writer inside a batch until {@link #release}, so callers queue up behind it. */
  private Future<?> holdWriter() throws InterruptedException {
    Future<?> held =
        callers.submit(
            () ->
                writer.inTransaction(
                    tx -> {
                      writerBusy.countDown();
                      awaitRelease();
                      return null;
                    }));
    writerBusy.await();
    return held;
  }

  private void awaitRelease() {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits, without sleeping, until {@code n} calls are queued behind the writer's batch. */
  private void awaitQueued(int n) {
    while (writer.queued() < n) {
      Thread.onSpinWait();
    }
  }

  private Object insert(String value, RuntimeException thenFail) {
    return writer.inTransaction(
        tx -> {
          insert(tx, value);
          if (thenFail != null) {
            throw thenFail;
          }
          return null;
        });
  }

  private static Object insert(GroupCommitWriter.Tx tx, String value) throws SQLException {
    PreparedStatement ps = tx.prepare("INSERT INTO t(v) VALUES (?)");
    ps.setString(1, value);
    ps.executeUpdate();
    return null;
  }

  /** What another connection reads from the file: committed rows only. */
  private List<String> committed() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM t ORDER BY v")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** The owner's exception type, as a store would have its own. */
  static final class StoreFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
