package com.kippu.atm.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TransmissionTest {
  private static final Clock TOKYO =
      Clock.fixed(Instant.parse("2025-04-01T01:30:00.750Z"), ZoneId.of("Asia/Tokyo"));

  @Test
  void field7IsUtcAndLocalFieldsFollowTheClockZone() {
    Transmission t = Transmission.next(new InMemoryStanSource(42), TOKYO);

    assertEquals("000042", t.stan().value());
    assertEquals(Instant.parse("2025-04-01T01:30:00Z"), t.at());
    assertEquals("0401013000", t.dateTime());
    assertEquals("103000", t.localTime());
    assertEquals("0401", t.localDate());
    assertEquals("509110000042", t.retrievalReference());
  }

  @Test
  void stanWrapsAfter999999AndNeverIsZero() {
    InMemoryStanSource stans = new InMemoryStanSource(999_999);
    assertEquals("999999", stans.next().value());
    assertEquals("000001", stans.next().value());
    assertThrows(IllegalArgumentException.class, () -> new Stan("000000"));
  }
}
