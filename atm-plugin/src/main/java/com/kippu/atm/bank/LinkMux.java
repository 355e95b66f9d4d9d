package com.kippu.atm.bank;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.jpos.q2.iso.QMUX;

/**
 * jPOS's QMUX with a request timer of its own, for asynchronous requests: a cancelled timeout (the
 * answer came in time) leaves the timer's queue at once instead of lingering until its deadline, so
 * thousands of requests a second do not pile up timers. Everything else is QMUX as it is: an answer
 * after the timeout goes to the mux's request listeners as unhandled (QMUX drops silently one that
 * arrives in the instant between its timer firing and its pending entry expiring).
 */
final class LinkMux extends QMUX {
  private static final AtomicInteger TIMERS = new AtomicInteger();

  private final ScheduledThreadPoolExecutor timers;

  LinkMux() {
    timers =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "link-mux-timer-" + TIMERS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    timers.setRemoveOnCancelPolicy(true);
    timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    // QBeanSupport shuts this field's executor down when the mux is destroyed.
    scheduledThreadPoolExecutor = timers;
  }

  @Override
  protected ScheduledThreadPoolExecutor getScheduledThreadPoolExecutor() {
    return timers;
  }
}
