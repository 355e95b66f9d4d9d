package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys: read in one place, with safe defaults and a message naming a bad or unknown key. */
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

  @Test
  void theDefaultsAreProductionWithSignaturesRequired() {
    CenterConfig config = CenterConfig.from(Map.of());
    assertEquals(CenterMode.PRODUCTION, config.mode());
    assertTrue(config.terminalAuth().required());
    assertFalse(config.terminalAuth().seeds(), "no terminal seeded without a configured secret");
    CenterConfig dev = CenterConfig.from(Map.of("center.mode", "development"));
    assertEquals(CenterConfig.TerminalAuth.DEV_SECRET, dev.terminalAuth().seedSecret());
  }

  @Test
  void signaturesAreOffOnlyInDevelopmentMode() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CenterConfig.from(Map.of("center.auth.required", "false")));
    assertTrue(e.getMessage().contains("center.mode=development"), e.getMessage());
    assertFalse(
        CenterConfig.from(Map.of("center.mode", "development", "center.auth.required", "false"))
            .terminalAuth()
            .required());
  }

  @Test
  void aMisspeltKeyStopsStartUpNamingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CenterConfig.from(Map.of("center.db.ulr", "jdbc:postgresql://db/kippu")));
    assertTrue(e.getMessage().contains("center.db.ulr"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean center.db.url"), e.getMessage());
  }

  @Test
  void settingsComeFromAFileTheEnvironmentAndOverridesInThatOrder(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("center.properties");
    Files.writeString(file, "center.port=9000\ncenter.hold.minutes=7\ncenter.http.queue=50\n");
    Map<String, String> settings =
        CenterSettings.read(
            file,
            Map.of("CENTER_HOLD_MINUTES", "8", "CENTER_DB_BUSY_TIMEOUT_MS", "900", "PATH", "/x"),
            Map.of("center.http.queue", "60"));
    CenterConfig config = CenterConfig.from(settings);
    assertEquals(9000, config.port());
    assertEquals(Duration.ofMinutes(8), config.holdDuration());
    assertEquals(Duration.ofMillis(900), config.store().sqliteBusyTimeout());
    assertEquals(60, config.httpQueueCapacity());
  }

  @Test
  void anUnknownKeyInTheFileOrEnvironmentIsNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("center.properties");
    Files.writeString(file, "center.prot=9000\n");
    IllegalArgumentException inFile =
        assertThrows(
            IllegalArgumentException.class, () -> CenterSettings.read(file, Map.of(), Map.of()));
    assertTrue(inFile.getMessage().contains("center.prot"), inFile.getMessage());
    IllegalArgumentException inEnv =
        assertThrows(
            IllegalArgumentException.class,
            () -> CenterSettings.read(null, Map.of("CENTER_DB_ULR", "x"), Map.of()));
    assertTrue(inEnv.getMessage().contains("CENTER_DB_ULR"), inEnv.getMessage());
  }
}
