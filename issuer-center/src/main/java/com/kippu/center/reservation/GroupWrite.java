package com.kippu.center.reservation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs concurrent callers' writes together, in one transaction, without a thread of its own: the
 * first caller that finds no group running leads, takes every item waiting (up to a cap), runs them
 * as one group and hands each waiting caller its answer; callers that arrive meanwhile wait and
 * form the next group. One commit then serves the whole group, and a lock the writes share (an
 * issuer's issue-number row) is taken once per group instead of once per caller.
 *
 * <p>If the group fails (one item broke a constraint, say), nothing of it is kept and each item
 * runs again alone, so only the failing one fails and every item still succeeds or fails exactly as
 * it would have alone.
 */
final class GroupWrite<I, O> {
  private final int maxGroup;
  private final Function<List<I>, List<O>> group;
  private final Function<I, O> alone;
  private final ArrayDeque<Slot<I, O>> waiting = new ArrayDeque<>();
  private boolean running;

  /**
   * {@code group} runs its items in one transaction and answers them in order (or throws, leaving
   * nothing); {@code alone} runs one item in a transaction of its own.
   */
  GroupWrite(int maxGroup, Function<List<I>, List<O>> group, Function<I, O> alone) {
    if (maxGroup < 1) {
      throw new IllegalArgumentException("a group holds at least one item");
    }
    this.maxGroup = maxGroup;
    this.group = group;
    this.alone = alone;
  }

  /** Runs {@code item} in the next group and returns its answer, or throws its failure. */
  O submit(I item) {
    Slot<I, O> slot = new Slot<>(item);
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
          while (mine.size() < maxGroup && !waiting.isEmpty()) {
            mine.add(waiting.poll());
          }
        }
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
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run(List<Slot<I, O>> slots) {
    try {
      if (slots.size() > 1) {
        List<O> answers;
        try {
          answers = group.apply(slots.stream().map(s -> s.item).toList());
        } catch (RuntimeException groupFailed) {
          answers = null;
        }
        if (answers != null) {
          if (answers.size() != slots.size()) {
            throw new IllegalStateException(
                answers.size() + " answers for a group of " + slots.size());
          }
          for (int i = 0; i < slots.size(); i++) {
            slots.get(i).answered(answers.get(i));
          }
          return;
        }
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

  private static final class Slot<I, O> {
    final I item;
    // Written by the leader before it leaves the group's lock, read under that lock.
    boolean done;
    private O answer;
    private RuntimeException failure;

    Slot(I item) {
      this.item = item;
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
      if (failure != null) {
        throw failure;
      }
      return answer;
    }
  }
}
