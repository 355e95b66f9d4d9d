package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seat-claim keys: read in one place, with defaults and a message naming a bad key. */
class CenterConfigTest {
  @Test
  void seatClaimKeysHaveDefaults() {
    CenterConfig.SeatClaims claims = CenterConfig.from(Map.of()).seatClaims();
    assertEquals(1, claims.writers());
    assertEquals(128, claims.batchSize());
    assertEquals(Duration.ofMillis(250), claims.reloadPause());
    assertEquals(Duration.ofSeconds(30), claims.commitTimeout());
  }

  @Test
  void seatClaimKeysAreRead() {
    CenterConfig.SeatClaims claims =
        CenterConfig.from(
                Map.of(
                    "center.claims.writers", "2",
                    "center.claims.batch-size", "64",
                    "center.claims.reload-pause.ms", "100",
                    "center.claims.commit-timeout.ms", "5000"))
            .seatClaims();
    assertEquals(
        new CenterConfig.SeatClaims(2, 64, Duration.ofMillis(100), Duration.ofSeconds(5)), claims);
  }

  @Test
  void aBadSeatClaimKeyIsNamed() {
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class,
            () -> CenterConfig.from(Map.of("center.claims.batch-size", "0")));
    assertTrue(zero.getMessage().contains("center.claims.batch-size"), zero.getMessage());
    IllegalArgumentException text =
        assertThrows(
            IllegalArgumentException.class,
            () -> CenterConfig.from(Map.of("center.claims.writers", "two")));
    assertTrue(text.getMessage().contains("center.claims.writers"), text.getMessage());
  }
}
