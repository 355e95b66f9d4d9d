package com.kippu.gate.check;

import com.kippu.atm.center.EventId;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * What this gate admits: tickets for its events at its venue, from {@code opensBefore} the start
 * until {@code closesAfter} it, decided against a revocation list no older than {@code
 * maxRevocationAge}.
 */
public record GatePolicy(
    String gateId,
    String venue,
    Set<EventId> events,
    Duration opensBefore,
    Duration closesAfter,
    Duration maxRevocationAge,
    ZoneId zone) {
  public GatePolicy {
    Objects.requireNonNull(gateId, "gateId");
    Objects.requireNonNull(venue, "venue");
    events = Set.copyOf(events);
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a gate admits at least one event");
    }
  }
}
