package com.kippu.center.load;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the terminals saw during one phase: answers by kind, latencies, and every seat a 201 answer
 * gave them, so a seat handed to two reservations is caught on the client side too.
 */
final class SaleRun {
  final Latencies holdLatency = new Latencies();
  final Latencies refusalLatency = new Latencies();
  final Latencies issueLatency = new Latencies();
  final Map<String, Integer> errors = new TreeMap<>();
  private final Map<String, String> seatOwners = new HashMap<>();
  int holds;
  int seatsHeld;
  int notEnoughSeats;
  int issued;
  int issueFailures;
  int doubleAnswered;
  int reconnects;
  long startedAt;
  long lastHoldAt;
  long endedAt;

  /** Records the seats of a 201 answer; a seat already answered to another reservation counts. */
  void held(String reservationNumber, Iterable<String> seatIds) {
    for (String seat : seatIds) {
      String before = seatOwners.putIfAbsent(seat, reservationNumber);
      if (before != null && !before.equals(reservationNumber)) {
        doubleAnswered++;
      }
      seatsHeld++;
    }
  }

  void error(String kind) {
    errors.merge(kind, 1, Integer::sum);
  }

  /** Successful holds per second, from the first request due to the last hold answered. */
  double holdsPerSecond() {
    long span = lastHoldAt - startedAt;
    return span <= 0 ? 0 : holds / (span / 1e9);
  }

  int errorCount() {
    return errors.values().stream().mapToInt(Integer::intValue).sum();
  }
}
