package com.kippu.devices.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.TicketScanner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A printed ticket's code read through the gate's jpos.xml, the Scanner control and service. */
class TicketScannerTest {
  private String gateId;
  private TicketScanner scanner;
  private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

  @BeforeEach
  void open() throws Exception {
    gateId = "gate-" + UUID.randomUUID();
    scanner = TicketScanner.open(SimulatedDevices.gateRegistry(gateId), SimulatedDevices.SCANNER);
  }

  @AfterEach
  void close() throws Exception {
    later.shutdownNow();
    scanner.close();
  }

  private SimulatedScans.Window window() {
    return SimulatedScans.window(SimulatedDevices.unitName(gateId, SimulatedDevices.SCANNER));
  }

  @Test
  void aCodePresentedWhileWaitingIsReadOnce() throws Exception {
    byte[] code = "KIPPU-T1:payload".getBytes(StandardCharsets.US_ASCII);
    later.schedule(() -> window().present(code), 50, TimeUnit.MILLISECONDS);

    Optional<byte[]> read = scanner.awaitScan(Duration.ofSeconds(5));

    assertArrayEquals(code, read.orElseThrow());
    assertFalse(window().present(code), "disabled after the scan (AutoDisable)");
  }

  @Test
  void aCodePresentedWhileNobodyWaitsIsNotRead() throws Exception {
    assertFalse(window().present(new byte[] {1, 2, 3}));
    assertTrue(scanner.awaitScan(Duration.ofMillis(50)).isEmpty());
  }
}
