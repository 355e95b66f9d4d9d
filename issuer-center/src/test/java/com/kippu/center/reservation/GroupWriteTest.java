package com.kippu.center.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.center.db.StoreException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lead-and-follow group write with real threads: the first item runs alone and is held there
 * while the others queue behind it, so what forms the next group is known.
 */
class GroupWriteTest {
  private static final String FIRST = "first";
  private static final String BAD = "bad";

  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final CountDownLatch firstEntered = new CountDownLatch(1);
  private final CountDownLatch releaseFirst = new CountDownLatch(1);
  private final List<List<String>> groups = new CopyOnWriteArrayList<>();
  private final List<String> ranAlone = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    releaseFirst.countDown();
    pool.shutdownNow();
  }

  private GroupWrite<String, String> write(
      Duration maxWait, RuntimeException groupFailure, boolean itemAtFault) {
    return new GroupWrite<>(
        64,
        maxWait,
        item -> item.startsWith("again:") ? item.substring("again:".length()) : item,
        items -> {
          groups.add(List.copyOf(items));
          if (groupFailure != null && items.contains(BAD)) {
            throw groupFailure;
          }
          return items.stream().map(i -> "ok:" + i).toList();
        },
        item -> {
          ranAlone.add(item);
          if (item.equals(FIRST)) {
            firstEntered.countDown();
            await(releaseFirst);
          }
          if (item.equals(BAD)) {
            throw new IllegalArgumentException("bad item");
          }
          return "ok:" + item;
        },
        e -> itemAtFault);
  }

  /** Submits FIRST, waits until it holds the group, then submits {@code items} behind it. */
  private List<Future<String>> queueBehindFirst(GroupWrite<String, String> write, String... items)
      throws Exception {
    List<Future<String>> answers = new ArrayList<>();
    answers.add(pool.submit(() -> write.submit(FIRST)));
    assertTrue(firstEntered.await(30, TimeUnit.SECONDS));
    for (String item : items) {
      answers.add(pool.submit(() -> write.submit(item)));
    }
    while (write.waitingCount() < items.length) {
      Thread.onSpinWait();
    }
    return answers;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String answer(Future<String> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS);
  }

  private static Throwable failure(Future<String> f) throws Exception {
    try {
      f.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void callersQueuedBehindARunningGroupRunAsTheNextGroup() throws Exception {
    GroupWrite<String, String> write = write(Duration.ofSeconds(30), null, false);
    List<Future<String>> answers = queueBehindFirst(write, "a", "b", "c", "d");
    releaseFirst.countDown();

    assertEquals("ok:first", answer(answers.get(0)));
    for (int i = 1; i < answers.size(); i++) {
      assertEquals("ok:" + "abcd".charAt(i - 1), answer(answers.get(i)));
    }
    assertEquals(1, groups.size(), "one group of the four queued: " + groups);
    assertEquals(List.of("a", "b", "c", "d"), groups.get(0).stream().sorted().toList());
    assertEquals(List.of(FIRST), ranAlone);
  }

  @Test
  void aRepeatOfAKeyWaitsForTheNextGroup() throws Exception {
    GroupWrite<String, String> write = write(Duration.ofSeconds(30), null, false);
    List<Future<String>> answers = queueBehindFirst(write, "a", "again:a", "b");
    releaseFirst.countDown();

    assertEquals("ok:a", answer(answers.get(1)));
    assertEquals("ok:again:a", answer(answers.get(2)));
    assertEquals("ok:b", answer(answers.get(3)));
    // Whichever of the two copies of "a" queued first goes with "b"; the other runs after them.
    assertEquals(1, groups.size(), "one group, without the repeat: " + groups);
    assertEquals(
        List.of("a", "b"),
        groups.get(0).stream().map(i -> i.replace("again:", "")).sorted().toList());
    assertEquals(2, ranAlone.size(), "the first, then the repeat alone: " + ranAlone);
  }

  @Test
  void aGroupAnItemMayHaveBrokenRunsEachAloneAndOnlyThatOneFails() throws Exception {
    GroupWrite<String, String> write =
        write(Duration.ofSeconds(30), new IllegalStateException("constraint"), true);
    List<Future<String>> answers = queueBehindFirst(write, "a", BAD, "c");
    releaseFirst.countDown();

    assertEquals("ok:a", answer(answers.get(1)));
    assertInstanceOf(IllegalArgumentException.class, failure(answers.get(2)));
    assertEquals("ok:c", answer(answers.get(3)));
    assertEquals(List.of("a", BAD, "c", FIRST), ranAlone.stream().sorted().toList());
  }

  @Test
  void aGroupFailingForNoItemsFaultFailsThemAllAtOnce() throws Exception {
    StoreException down =
        new StoreException("no database connection", new IllegalStateException("pool"));
    GroupWrite<String, String> write = write(Duration.ofSeconds(30), down, false);
    List<Future<String>> answers = queueBehindFirst(write, "a", BAD, "c");
    releaseFirst.countDown();

    for (int i = 1; i < answers.size(); i++) {
      assertSame(down, failure(answers.get(i)));
    }
    assertEquals(List.of(FIRST), ranAlone, "none was run again alone");
  }

  @Test
  void anItemThatWaitedTooLongFailsWithoutBeingWritten() throws Exception {
    GroupWrite<String, String> write = write(Duration.ofMillis(1), null, false);
    List<Future<String>> answers = queueBehindFirst(write, "a", "b");
    Thread.sleep(20); // past the items' deadline while the first still holds the group
    releaseFirst.countDown();

    assertEquals("ok:first", answer(answers.get(0)));
    for (int i = 1; i < answers.size(); i++) {
      Throwable late = failure(answers.get(i));
      assertInstanceOf(StoreException.class, late);
      assertTrue(late.getMessage().contains("nothing was written"), late.getMessage());
    }
    assertTrue(groups.isEmpty());
    assertEquals(List.of(FIRST), ranAlone);
  }

  @Test
  void aBatchFailureIsDescribedByTheDatabaseErrorNotTheStatement() {
    String statement = "INSERT INTO tickets VALUES ('\\x" + "ab".repeat(2_000) + "')";
    BatchUpdateException batch =
        new BatchUpdateException(
            "Batch entry 0 " + statement + " was aborted: ERROR: duplicate key", "23505", 0, null);
    batch.setNextException(
        new SQLException(
            "ERROR: duplicate key value violates unique constraint \"tickets_pkey\"\n"
                + "  Detail: Key (ticket_number)=(T-1) already exists.",
            "23505"));
    String text = GroupWrite.describe(new StoreException("cannot issue", batch));

    assertEquals(
        "SQLState 23505: ERROR: duplicate key value violates unique constraint \"tickets_pkey\"",
        text);
    assertFalse(text.contains("abab"), text);
  }
}
