package com.kippu.center.sales;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When a commuter pass may start and when it ends: it is bought to start today or up to {@value
 * #DAYS_AHEAD} days ahead (as Japanese railways sell passes ahead of their first day), and is valid
 * for its period's days counting the first, in the railway's time zone.
 */
final class PassValidity {
  static final int DAYS_AHEAD = 14;

  private final Clock clock;
  private final ZoneId zone;

  PassValidity(Clock clock, ZoneId zone) {
    this.clock = clock;
    this.zone = zone;
  }

  boolean allowed(LocalDate validFrom) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    return !validFrom.isBefore(today) && !validFrom.isAfter(today.plusDays(DAYS_AHEAD));
  }

  static LocalDate until(LocalDate validFrom, int periodDays) {
    return validFrom.plusDays(periodDays - 1L);
  }

  String window() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    return today + " to " + today.plusDays(DAYS_AHEAD);
  }
}
