package com.kippu.devices;

import com.kippu.devices.jpos.DeviceSession;
import com.kippu.devices.jpos.JposRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jpos.JposConst;
import jpos.JposException;
import jpos.services.ScannerService114;

/**
 * The barcode scanner a venue gate reads printed tickets with, over any vendor's JavaPOS Scanner
 * service: {@link #awaitScan} enables the scanner, waits for one code and returns its decoded data
 * (ScanDataLabel). AutoDisable, so one DataEvent is one ticket.
 *
 * <p>Not thread-safe: one gate lane uses it at a time.
 */
public final class TicketScanner implements AutoCloseable {

  /** How long {@link #open} waits for another instance to release the device. */
  public static final int CLAIM_TIMEOUT_MS = 2000;

  private final DeviceSession<ScannerService114> session;
  private final ScannerService114 scanner;
  private final BlockingQueue<byte[]> codes = new LinkedBlockingQueue<>();

  private TicketScanner(DeviceSession<ScannerService114> session) {
    this.session = session;
    this.scanner = session.service();
  }

  /**
   * Opens and claims the Scanner {@code logicalName} of {@code registry}, decoding on, AutoDisable;
   * it stays disabled until {@link #awaitScan}.
   *
   * @throws JposException e.g. JPOS_E_NOEXIST (no such entry), JPOS_E_NOSERVICE (not a Scanner)
   */
  public static TicketScanner open(JposRegistry registry, String logicalName) throws JposException {
    DeviceSession<ScannerService114> session =
        DeviceSession.open(
            registry,
            logicalName,
            ScannerService114.class,
            CLAIM_TIMEOUT_MS,
            s -> {
              s.service().setDecodeData(true);
              s.service().setAutoDisable(true);
            });
    TicketScanner reader = new TicketScanner(session);
    try {
      session.events().addDataListener(e -> reader.codes.add(reader.label()));
      reader.scanner.setDeviceEnabled(false);
      return reader;
    } catch (JposException | RuntimeException e) {
      session.close();
      throw session.named(e, "setting up");
    }
  }

  public String logicalName() {
    return session.logicalName();
  }

  /**
   * Enables the scanner and waits up to {@code timeout} for one code; empty on timeout. Input left
   * from an earlier window is discarded first; the scanner is disabled again either way.
   */
  public Optional<byte[]> awaitScan(Duration timeout) throws JposException {
    try {
      scanner.clearInput();
      codes.clear();
      scanner.setDeviceEnabled(true);
      scanner.setDataEventEnabled(true);
    } catch (JposException e) {
      throw session.named(e, "enabling for a scan");
    }
    try {
      return Optional.ofNullable(codes.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JposException(
          JposConst.JPOS_E_FAILURE, logicalName() + ": waiting for a scan was interrupted", e);
    } finally {
      disableQuietly();
    }
  }

  /** Runs on the event thread right after the DataEvent: the properties belong to that code. */
  private byte[] label() {
    try {
      byte[] label = scanner.getScanDataLabel();
      scanner.clearInputProperties();
      return label;
    } catch (JposException e) {
      return new byte[0];
    }
  }

  private void disableQuietly() {
    try {
      scanner.setDataEventEnabled(false);
      scanner.setDeviceEnabled(false);
    } catch (JposException e) {
      // A device that went away is reported by the next call that needs it.
    }
  }

  /** Releases and closes the device. */
  @Override
  public void close() throws JposException {
    session.close();
  }
}
