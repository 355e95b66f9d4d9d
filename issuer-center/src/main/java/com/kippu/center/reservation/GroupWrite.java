package com.kippu.center.reservation;

import com.kippu.center.db.StoreException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs concurrent callers' writes together, in one transaction, without a thread of its own: the
 * first caller that finds no group running leads, takes every item waiting (up to a cap), runs them
 * as one group and hands each waiting caller its answer; callers that arrive meanwhile wait and
 * form the next group. One commit then serves the whole group, and a lock the writes share (an
 * issuer's issue-number row) is taken once per group instead of once per caller.
 *
 * <p>When a group fails in a way one of its items may have caused (a constraint, a data error, a
 * deadlock, a refusal of the item's own code), nothing of it is kept and each item runs again
 * alone, so only the failing one fails and every item ends as it would have alone. When it fails
 * for a reason none of them caused (no database connection), every item fails with it at once:
 * running them one by one would only keep the others waiting. An item that could not start within
 * {@code maxWait} of its submission fails without having written anything, so its caller (an ATM
 * that will reverse the payment once its own timeout passes) is answered in time.
 */
final class GroupWrite<I, O> {
  private static final System.Logger LOG = System.getLogger(GroupWrite.class.getName());

  private final int maxGroup;
  private final long maxWaitNanos;
  private final Function<I, ?> key;
  private final Function<List<I>, List<O>> group;
  private final Function<I, O> alone;
  private final Predicate<RuntimeException> itemMayBeAtFault;
  private final ArrayDeque<Slot<I, O>> waiting = new ArrayDeque<>();
  private boolean running;

  /**
   * {@code group} runs its items in one transaction and answers them in order (or throws, leaving
   * nothing); {@code alone} runs one item in a transaction of its own; {@code itemMayBeAtFault}
   * tells a group failure worth running each item alone from one that fails them all. Items of one
   * {@code key} never share a group: a repeat waits for the next, where it sees what the first
   * wrote.
   */
  GroupWrite(
      int maxGroup,
      Duration maxWait,
      Function<I, ?> key,
      Function<List<I>, List<O>> group,
      Function<I, O> alone,
      Predicate<RuntimeException> itemMayBeAtFault) {
    if (maxGroup < 1 || maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException("a group holds at least one item and may wait a while");
    }
    this.maxGroup = maxGroup;
    this.maxWaitNanos = maxWait.toNanos();
    this.key = key;
    this.group = group;
    this.alone = alone;
    this.itemMayBeAtFault = itemMayBeAtFault;
  }

  /** Runs {@code item} in the next group and returns its answer, or throws its failure. */
  O submit(I item) {
    Slot<I, O> slot = new Slot<>(item, System.nanoTime() + maxWaitNanos);
    boolean interrupted = false;
    synchronized (this) {
      waiting.add(slot);
    }
    try {
      while (true) {
        List<Slot<I, O>> mine = new ArrayList<>();
        synchronized (this) {
          while (running && !slot.done) {
            try {
              wait();
            } catch (InterruptedException e) {
              // The item may be in the running group already: wait for its answer, then say so.
              interrupted = true;
            }
          }
          if (slot.done) {
            return slot.answer();
          }
          running = true;
          try {
            takeGroup(mine);
          } catch (RuntimeException | Error e) {
            running = false;
            notifyAll();
            throw e;
          }
        }
        // A leader works for others too: an interrupt meant for its own request must not fail
        // their database calls; it is restored when this call returns.
        interrupted |= Thread.interrupted();
        try {
          run(mine);
        } finally {
          synchronized (this) {
            running = false;
            notifyAll();
          }
        }
      }
    } finally {
      if (!slot.done) {
        synchronized (this) {
          waiting.remove(slot); // leaving abnormally: nobody must write it later
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Items waiting for a group (for tests). */
  synchronized int waitingCount() {
    return waiting.size();
  }

  /**
   * Moves up to {@code maxGroup} waiting items of distinct keys into {@code mine}, oldest first;
   * late ones fail on the way, repeats of a key taken stay for the next group.
   */
  private void takeGroup(List<Slot<I, O>> mine) {
    long now = System.nanoTime();
    Set<Object> keys = new HashSet<>();
    Iterator<Slot<I, O>> it = waiting.iterator();
    while (mine.size() < maxGroup && it.hasNext()) {
      Slot<I, O> next = it.next();
      if (keys.contains(key.apply(next.item))) {
        continue;
      }
      it.remove();
      if (now - next.deadline > 0) {
        String why =
            "waited over "
                + Duration.ofNanos(maxWaitNanos).toMillis()
                + " ms for the database; nothing was written";
        next.failed(new StoreException(why, new TimeoutException(why)));
      } else {
        keys.add(key.apply(next.item));
        mine.add(next);
      }
    }
  }

  private void run(List<Slot<I, O>> slots) {
    if (slots.isEmpty()) {
      return;
    }
    try {
      if (slots.size() > 1 && runTogether(slots)) {
        return;
      }
      for (Slot<I, O> slot : slots) {
        try {
          slot.answered(alone.apply(slot.item));
        } catch (RuntimeException e) {
          slot.failed(e);
        }
      }
    } catch (RuntimeException | Error e) {
      for (Slot<I, O> slot : slots) {
        if (!slot.done) {
          slot.failed(new IllegalStateException("write group failed", e));
        }
      }
      throw e;
    }
  }

  /** True if the group answered every slot; false if each must run alone. */
  private boolean runTogether(List<Slot<I, O>> slots) {
    List<O> answers;
    try {
      answers = group.apply(slots.stream().map(s -> s.item).toList());
    } catch (RuntimeException e) {
      if (itemMayBeAtFault.test(e)) {
        LOG.log(
            System.Logger.Level.INFO,
            () ->
                "a group of " + slots.size() + " failed (" + describe(e) + "); running each alone");
        return false;
      }
      LOG.log(
          System.Logger.Level.WARNING,
          () -> "a group of " + slots.size() + " failed: " + describe(e));
      slots.forEach(s -> s.failed(e));
      return true;
    }
    if (answers.size() != slots.size()) {
      throw new IllegalStateException(answers.size() + " answers for a group of " + slots.size());
    }
    for (int i = 0; i < slots.size(); i++) {
      slots.get(i).answered(answers.get(i));
    }
    return true;
  }

  /**
   * The failure in a line: the database's SQLState and first line of its own message, without the
   * statements a batch failure quotes (a batch's parameters are whole ticket payloads).
   */
  static String describe(RuntimeException e) {
    SQLException sql = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException found) {
        sql = found;
      }
    }
    if (sql == null) {
      return e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
    }
    // A batch failure's own message quotes the statement; the database's error is the next one.
    while (sql instanceof BatchUpdateException && sql.getNextException() != null) {
      sql = sql.getNextException();
    }
    return "SQLState " + sql.getSQLState() + ": " + firstLine(sql.getMessage());
  }

  private static String firstLine(String message) {
    String line = message == null ? "" : message.lines().findFirst().orElse("");
    return line.length() > 160 ? line.substring(0, 160) + "..." : line;
  }

  /** One caller's item; the answer is published by the volatile {@code done}, written last. */
  private static final class Slot<I, O> {
    final I item;
    final long deadline;
    private volatile O answer;
    private volatile RuntimeException failure;
    volatile boolean done;

    Slot(I item, long deadline) {
      this.item = item;
      this.deadline = deadline;
    }

    void answered(O o) {
      answer = o;
      done = true;
    }

    void failed(RuntimeException e) {
      failure = e;
      done = true;
    }

    O answer() {
      RuntimeException f = failure;
      if (f != null) {
        throw f;
      }
      return answer;
    }
  }
}
