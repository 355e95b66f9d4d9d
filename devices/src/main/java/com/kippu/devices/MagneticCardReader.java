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
import jpos.MSRConst;
import jpos.services.MSRService114;

/**
 * The magnetic stripe reader as the ATM plugin uses it, over any vendor's JavaPOS MSR service:
 * {@link #awaitSwipe} enables the reader, waits for one swipe and returns its decoded, parsed
 * tracks. Between swipe windows the device is disabled, so a card swiped while nobody asked is
 * never read. Set up with DecodeData, ParseDecodeData, AutoDisable and card-level error reporting
 * (UnifiedPOS 1.14 MSR); PANs appear masked in every message.
 *
 * <p>Not thread-safe: one customer session uses it at a time.
 */
public final class MagneticCardReader implements AutoCloseable {

  /** How long {@link #open} waits for another instance to release the device. */
  public static final int CLAIM_TIMEOUT_MS = 2000;

  /** The card could not be read (UnifiedPOS input ErrorEvent); the customer may swipe again. */
  public static final class UnreadableCardException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int errorCode;
    private final int errorCodeExtended;

    public UnreadableCardException(String message, int errorCode, int errorCodeExtended) {
      super(message);
      this.errorCode = errorCode;
      this.errorCodeExtended = errorCodeExtended;
    }

    /** The ErrorEvent's ErrorCode, e.g. JPOS_E_FAILURE. */
    public int errorCode() {
      return errorCode;
    }

    /** The ErrorEvent's ErrorCodeExtended: per-track JPOS_EMSR_* bytes with track-level reports. */
    public int errorCodeExtended() {
      return errorCodeExtended;
    }
  }

  private sealed interface Outcome {}

  private record Read(CardTracks tracks) implements Outcome {}

  private record Failed(int code, int extended) implements Outcome {}

  private final DeviceSession<MSRService114> session;
  private final MSRService114 msr;
  private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();

  private MagneticCardReader(DeviceSession<MSRService114> session) {
    this.session = session;
    this.msr = session.service();
  }

  /**
   * Opens and claims the MSR {@code logicalName} of {@code registry} and configures it for bank
   * cards: tracks 1, 2 and (when the reader has it) the JIS-II track, decoded and parsed, no
   * sentinels, AutoDisable. The device stays disabled until {@link #awaitSwipe}.
   *
   * @throws JposException e.g. JPOS_E_NOEXIST (no such entry), JPOS_E_NOSERVICE (not an MSR)
   */
  public static MagneticCardReader open(JposRegistry registry, String logicalName)
      throws JposException {
    DeviceSession<MSRService114> session =
        DeviceSession.open(
            registry,
            logicalName,
            MSRService114.class,
            CLAIM_TIMEOUT_MS,
            s -> {
              MSRService114 m = s.service();
              boolean jis2 = m.getCapJISTwo();
              m.setTracksToRead(jis2 ? MSRConst.MSR_TR_1_2_4 : MSRConst.MSR_TR_1_2);
              m.setDecodeData(true);
              m.setParseDecodeData(true);
              m.setTransmitSentinels(false);
              m.setErrorReportingType(MSRConst.MSR_ERT_CARD);
              m.setAutoDisable(true);
            });
    MagneticCardReader reader = new MagneticCardReader(session);
    try {
      session.events().addDataListener(e -> reader.outcomes.add(reader.readProperties()));
      session
          .events()
          .addErrorListener(
              e -> {
                if (e.getErrorLocus() == JposConst.JPOS_EL_INPUT
                    || e.getErrorLocus() == JposConst.JPOS_EL_INPUT_DATA) {
                  e.setErrorResponse(JposConst.JPOS_ER_CLEAR);
                  reader.outcomes.add(new Failed(e.getErrorCode(), e.getErrorCodeExtended()));
                }
              });
      reader.msr.setDeviceEnabled(false);
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
   * Enables the reader and waits up to {@code timeout} for one swipe. Input left from an earlier
   * window is discarded first. Returns empty on timeout; the reader is disabled again either way.
   *
   * @throws UnreadableCardException when the swipe could not be decoded (bad sentinel, parity or
   *     LRC); the customer may try again with another call
   * @throws JposException when the device fails, e.g. JPOS_E_OFFLINE
   */
  public Optional<CardTracks> awaitSwipe(Duration timeout)
      throws JposException, UnreadableCardException {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative");
    }
    try {
      msr.clearInput();
      outcomes.clear();
      msr.setDeviceEnabled(true);
      msr.setDataEventEnabled(true);
    } catch (JposException e) {
      throw session.named(e, "enabling for a swipe");
    }
    Outcome outcome;
    try {
      outcome = outcomes.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JposException(
          JposConst.JPOS_E_FAILURE, logicalName() + ": waiting for a swipe was interrupted", e);
    } finally {
      disableQuietly();
    }
    if (outcome == null) {
      return Optional.empty();
    }
    if (outcome instanceof Failed f) {
      throw new UnreadableCardException(
          logicalName() + ": card could not be read (error " + f.code() + "/" + f.extended() + ")",
          f.code(),
          f.extended());
    }
    Read read = (Read) outcome;
    return Optional.of(read.tracks());
  }

  /**
   * Runs on the event thread right after the DataEvent: the properties belong to that swipe. They
   * are cleared in the service once copied, so the PAN stays in one place only.
   */
  private Outcome readProperties() {
    try {
      CardTracks tracks =
          new CardTracks(
              msr.getAccountNumber(),
              msr.getExpirationDate(),
              msr.getServiceCode(),
              holderName(msr.getFirstName(), msr.getMiddleInitial(), msr.getSurname()),
              msr.getTrack1Data(),
              msr.getTrack2Data(),
              msr.getTrack4Data());
      msr.clearInputProperties();
      return new Read(tracks);
    } catch (JposException e) {
      return new Failed(e.getErrorCode(), e.getErrorCodeExtended());
    }
  }

  private static String holderName(String first, String middle, String surname) {
    StringBuilder b = new StringBuilder();
    for (String part : new String[] {first, middle, surname}) {
      if (part != null && !part.isBlank()) {
        if (b.length() > 0) {
          b.append(' ');
        }
        b.append(part.trim());
      }
    }
    return b.toString();
  }

  private void disableQuietly() {
    try {
      msr.setDataEventEnabled(false);
      msr.setDeviceEnabled(false);
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
