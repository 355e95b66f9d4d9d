package com.kippu.devices.gpio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Scheduler} on a manual clock: tasks run on the test's thread when it advances time. */
final class FakeScheduler implements Scheduler {

  private record Task(long due, Runnable run, boolean[] cancelled) {}

  private final List<Task> tasks = new ArrayList<>();
  private long now;

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    boolean[] cancelled = {false};
    tasks.add(new Task(now + delay.toMillis(), task, cancelled));
    return () -> {
      synchronized (FakeScheduler.this) {
        cancelled[0] = true;
      }
    };
  }

  /** Moves the clock on by {@code d}, running every task that falls due, earliest first. */
  void advance(Duration d) {
    long until;
    synchronized (this) {
      until = now + d.toMillis();
    }
    while (true) {
      Task next;
      synchronized (this) {
        tasks.removeIf(t -> t.cancelled[0]);
        next =
            tasks.stream()
                .filter(t -> t.due <= until)
                .min(Comparator.comparingLong(Task::due))
                .orElse(null);
        if (next == null) {
          now = until;
          return;
        }
        tasks.remove(next);
        now = next.due;
      }
      next.run.run();
    }
  }

  /** Tasks waiting and not cancelled. */
  synchronized int pending() {
    tasks.removeIf(t -> t.cancelled[0]);
    return tasks.size();
  }
}
