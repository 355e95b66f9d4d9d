package com.kippu.center.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {
  @Test
  void retriesBackOffFromThirtySecondsToAnHour() {
    assertEquals(Duration.ofSeconds(30), OutboxRelay.backoff(1));
    assertEquals(Duration.ofSeconds(60), OutboxRelay.backoff(2));
    assertEquals(Duration.ofMinutes(32), OutboxRelay.backoff(7));
    assertEquals(Duration.ofHours(1), OutboxRelay.backoff(8));
    assertEquals(Duration.ofHours(1), OutboxRelay.backoff(500));
  }
}
