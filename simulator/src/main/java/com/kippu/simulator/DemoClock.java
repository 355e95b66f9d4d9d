package com.kippu.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The demo branch's clock: real time, which a scenario may move forward to play days that pass (pay
 * a reservation the next day, let its deadline go by). Every part of the branch reads the one
 * clock, so the terminal, the bank host and the center agree on the time.
 */
final class DemoClock extends Clock {
  private final Clock base;
  private volatile Duration offset = Duration.ZERO;

  DemoClock(Clock base) {
    this.base = base;
  }

  /** Moves the branch's time forward by {@code by}. */
  void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("the demo clock only moves forward");
    }
    offset = offset.plus(by);
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    DemoClock c = new DemoClock(base.withZone(zone));
    c.offset = offset;
    return c;
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset);
  }
}
