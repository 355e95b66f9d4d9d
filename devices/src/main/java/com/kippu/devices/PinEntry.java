package com.kippu.devices;

import com.kippu.devices.jpos.DeviceSession;
import com.kippu.devices.jpos.JposRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jpos.JposConst;
import jpos.JposException;
import jpos.PINPadConst;
import jpos.services.PINPadService114;

/**
 * The encrypting PIN pad as the ATM plugin uses it, over any vendor's JavaPOS PINPad service in the
 * master/session scheme: {@link #requestPinBlock} runs one EFT transaction (beginEFTTransaction,
 * enablePINEntry, DataEvent, endEFTTransaction, UnifiedPOS 1.14 PIN Pad) and returns the ISO 9564-1
 * format 0 block encrypted under the PIN key (TPK) as 16 hex digits. The clear PIN never leaves the
 * PIN pad; the PAN is passed to it and appears masked in every message.
 *
 * <p>Not thread-safe: one customer session uses it at a time.
 */
public final class PinEntry implements AutoCloseable {

  /** How long {@link #open} waits for another instance to release the device. */
  public static final int CLAIM_TIMEOUT_MS = 2000;

  /** The PINPadSystem of {@code beginEFTTransaction}: master key / session key. */
  public static final String MASTER_SESSION = "M/S";

  /** The transaction host (and updateKey key number) of the bank host's PIN key. */
  public static final int BANK_HOST = 1;

  /**
   * The transaction host (and key number) of the issuer center's PIN key: registered users' PINs,
   * under a master key of its own.
   */
  public static final int CENTER_HOST = 2;

  /** The customer cancelled PIN entry or did not finish it in time; no block was produced. */
  public static final class CancelledException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean timedOut;

    public CancelledException(String message, boolean timedOut) {
      super(message);
      this.timedOut = timedOut;
    }

    /** True when the entry timed out, false when the customer pressed CANCEL. */
    public boolean timedOut() {
      return timedOut;
    }
  }

  private sealed interface Outcome {}

  private record Entered(int status, String encryptedPin) implements Outcome {}

  private record PowerLost() implements Outcome {}

  private final DeviceSession<PINPadService114> session;
  private final PINPadService114 pad;
  private final BlockingQueue<Outcome> outcomes;

  private PinEntry(DeviceSession<PINPadService114> session, BlockingQueue<Outcome> outcomes) {
    this.session = session;
    this.pad = session.service();
    this.outcomes = outcomes;
  }

  /**
   * Opens, claims and enables the PINPad {@code logicalName} of {@code registry}, with power
   * reporting on when the device supports it (a power loss ends a PIN entry at once).
   *
   * @throws JposException e.g. JPOS_E_NOEXIST (no such entry), JPOS_E_NOSERVICE (not a PINPad)
   */
  public static PinEntry open(JposRegistry registry, String logicalName) throws JposException {
    BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    DeviceSession<PINPadService114> session =
        DeviceSession.open(
            registry,
            logicalName,
            PINPadService114.class,
            CLAIM_TIMEOUT_MS,
            s -> {
              PINPadService114 p = s.service();
              if (p.getCapPowerReporting() != JposConst.JPOS_PR_NONE) {
                p.setPowerNotify(JposConst.JPOS_PN_ENABLED);
              }
              s.events()
                  .addDataListener(
                      e -> outcomes.add(new Entered(e.getStatus(), encryptedPinOf(p))));
              s.events()
                  .addStatusUpdateListener(
                      e -> {
                        if (e.getStatus() == JposConst.JPOS_SUE_POWER_OFF_OFFLINE
                            || e.getStatus() == JposConst.JPOS_SUE_POWER_OFFLINE
                            || e.getStatus() == JposConst.JPOS_SUE_POWER_OFF) {
                          outcomes.add(new PowerLost());
                        }
                      });
            });
    return new PinEntry(session, outcomes);
  }

  private static String encryptedPinOf(PINPadService114 p) {
    try {
      return p.getEncryptedPIN();
    } catch (JposException e) {
      return "";
    }
  }

  public String logicalName() {
    return session.logicalName();
  }

  /**
   * Installs a new PIN key sent by the bank host at key change: {@code tpkUnderTmkHex} is the
   * double-length TPK encrypted under the terminal master key (TDEA ECB, 32 hex digits) and {@code
   * checkValue} its key check value (6 hex digits). Sent as {@code updateKey(BANK_HOST, key ||
   * kcv)}.
   *
   * @throws JposException JPOS_E_EXTENDED + JPOS_EPPAD_BAD_KEY when the check value does not match
   *     (wrong master key or damage); the old key stays in use
   */
  public void loadPinKey(String tpkUnderTmkHex, String checkValue) throws JposException {
    loadPinKey(BANK_HOST, tpkUnderTmkHex, checkValue);
  }

  /** As {@link #loadPinKey(String, String)}, for transaction host {@code host}. */
  public void loadPinKey(int host, String tpkUnderTmkHex, String checkValue) throws JposException {
    if (tpkUnderTmkHex == null || !tpkUnderTmkHex.matches("[0-9A-Fa-f]{32}")) {
      throw new IllegalArgumentException("a PIN key under the TMK is 32 hex digits");
    }
    if (checkValue == null || !checkValue.matches("[0-9A-Fa-f]{6}")) {
      throw new IllegalArgumentException("a key check value is 6 hex digits");
    }
    try {
      pad.updateKey(host, (tpkUnderTmkHex + checkValue).toUpperCase(Locale.ROOT));
    } catch (JposException e) {
      throw session.named(e, "loading the PIN key");
    }
  }

  /**
   * Lets the customer enter their PIN for card {@code pan} and returns the ISO 9564-1 format 0 PIN
   * block encrypted under the current PIN key, as 16 upper-case hex digits.
   *
   * @throws CancelledException when the customer cancels or does not press ENTER within {@code
   *     timeout}
   * @throws JposException when the pad fails: JPOS_E_OFFLINE on power loss, JPOS_E_EXTENDED +
   *     JPOS_EPPAD_BAD_KEY without a PIN key, JPOS_E_FAILURE for a malformed block
   */
  public String requestPinBlock(String pan, Duration timeout)
      throws JposException, CancelledException {
    return requestPinBlock(pan, timeout, BANK_HOST);
  }

  /**
   * As {@link #requestPinBlock(String, Duration)}, under the PIN key of transaction host {@code
   * host} ({@link #CENTER_HOST}: a registered user's PIN, {@code pan} derived from the user id).
   */
  public String requestPinBlock(String pan, Duration timeout, int host)
      throws JposException, CancelledException {
    if (pan == null || !pan.matches("\\d{13,19}")) {
      throw new IllegalArgumentException("a PAN for a PIN block has 13 to 19 digits");
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative");
    }
    String masked = Pans.mask(pan);
    outcomes.clear();
    boolean normal = false;
    try {
      pad.clearInput();
      pad.setAccountNumber(pan);
      pad.setTransactionType(PINPadConst.PPAD_TRANS_DEBIT);
      pad.beginEFTTransaction(MASTER_SESSION, host);
    } catch (JposException e) {
      throw session.named(e, "starting PIN entry for " + masked);
    }
    try {
      pad.setDataEventEnabled(true);
      pad.enablePINEntry();
      Outcome outcome = outcomes.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (outcome == null) {
        throw new CancelledException(logicalName() + ": PIN entry timed out for " + masked, true);
      }
      if (outcome instanceof PowerLost) {
        throw new JposException(
            JposConst.JPOS_E_OFFLINE, logicalName() + ": power lost during PIN entry");
      }
      Entered entered = (Entered) outcome;
      if (entered.status() == PINPadConst.PPAD_CANCEL) {
        throw new CancelledException(logicalName() + ": PIN entry cancelled for " + masked, false);
      }
      if (entered.status() != PINPadConst.PPAD_SUCCESS
          || !entered.encryptedPin().matches("[0-9A-Fa-f]{16}")) {
        throw new JposException(
            JposConst.JPOS_E_FAILURE,
            logicalName()
                + ": PIN pad returned no usable PIN block (status "
                + entered.status()
                + ")");
      }
      normal = true;
      return entered.encryptedPin().toUpperCase(Locale.ROOT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JposException(
          JposConst.JPOS_E_FAILURE, logicalName() + ": PIN entry interrupted", e);
    } catch (JposException e) {
      throw session.named(e, "PIN entry for " + masked);
    } finally {
      endQuietly(normal);
    }
  }

  private void endQuietly(boolean normal) {
    try {
      pad.setDataEventEnabled(false);
      pad.endEFTTransaction(normal ? PINPadConst.PPAD_EFT_NORMAL : PINPadConst.PPAD_EFT_ABNORMAL);
    } catch (JposException e) {
      // After a power loss the pad has already forgotten the transaction.
    }
  }

  /** Disables, releases and closes the device. */
  @Override
  public void close() throws JposException {
    session.close();
  }
}
