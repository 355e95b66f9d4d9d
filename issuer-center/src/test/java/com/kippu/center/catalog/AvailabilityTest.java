package com.kippu.center.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AvailabilityTest {
  @Test
  void fewLeftAtTenPercentOrLess() { // S1 ¶36
    assertEquals(Availability.AVAILABLE, Availability.of(11, 100));
    assertEquals(Availability.FEW_LEFT, Availability.of(10, 100));
    assertEquals(Availability.FEW_LEFT, Availability.of(1, 100));
    assertEquals(Availability.SOLD_OUT, Availability.of(0, 100));
  }
}
