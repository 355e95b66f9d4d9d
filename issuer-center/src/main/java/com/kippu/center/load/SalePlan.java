package com.kippu.center.load;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One phase of load: which event the terminals buy from, how many seats per hold, how fast, and
 * whether they pay. {@code holdsPerSecond} 0 means a closed loop (each terminal asks again as soon
 * as it is answered); otherwise requests are due on a fixed schedule across the fleet and latency
 * counts from when a request was due, so a slow center cannot hide its queue (no coordinated
 * omission). A terminal stops at its first "not enough seats" answer.
 */
record SalePlan(
    String name,
    String eventId,
    Optional<String> section,
    int quantity,
    int holdsPerSecond,
    double payFraction,
    Duration timeLimit) {

  SalePlan {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(section, "section");
    if (!name.matches("[A-Za-z0-9]{1,8}")) {
      throw new IllegalArgumentException("phase name must be 1-8 letters or digits: " + name);
    }
    if (quantity < 1 || holdsPerSecond < 0 || payFraction < 0 || payFraction > 1) {
      throw new IllegalArgumentException("bad sale plan");
    }
  }

  boolean closedLoop() {
    return holdsPerSecond == 0;
  }
}
