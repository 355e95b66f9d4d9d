package com.kippu.devices.gpio;

import java.time.Duration;

/**
 * Runs a task after a delay: the dispenser's jam, shutter and present timeouts. Injected so tests
 * drive time by hand instead of sleeping.
 */
public interface Scheduler {

  /** Runs {@code task} once after {@code delay} unless cancelled first. */
  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduled task; cancelling a task that already ran does nothing. */
  interface Cancellable {
    void cancel();
  }
}
