package com.kippu.devices.cash;

import com.kippu.devices.jpos.DeviceSession;
import com.kippu.devices.jpos.JposRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import jpos.CashChangerConst;
import jpos.JposConst;
import jpos.JposException;
import jpos.services.CashChangerService114;

/**
 * The cash unit as the ATM plugin uses it, over any vendor's JavaPOS CashChanger service: take a
 * deposit (begin, pause, fix, end with change, no change or repay), pay change, read and adjust the
 * counts, follow status changes and clear a jam. Every failure is a JposException naming the
 * logical name, with the service's error codes (e.g. JPOS_E_EXTENDED + JPOS_ECHAN_OVERDISPENSE when
 * the stock cannot make an amount).
 *
 * <p>Not thread-safe: one customer session uses it at a time. Listeners run on the event thread.
 */
public final class CashUnit implements AutoCloseable {

  /** How long {@link #open} waits for another instance to release the device. */
  public static final int CLAIM_TIMEOUT_MS = 2000;

  private final DeviceSession<CashChangerService114> session;
  private final CashChangerService114 changer;
  private final List<Consumer<Deposit>> depositListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<CashUnitStatus>> statusListeners = new CopyOnWriteArrayList<>();

  private CashUnit(DeviceSession<CashChangerService114> session) {
    this.session = session;
    this.changer = session.service();
    session.events().addDataListener(e -> depositCounted());
    session.events().addStatusUpdateListener(e -> statusUpdated(e.getStatus()));
  }

  /**
   * Opens, claims and enables the CashChanger device {@code logicalName} of {@code registry} and
   * turns on deposit DataEvents when the device has them.
   *
   * @throws JposException e.g. JPOS_E_NOEXIST (no such entry), JPOS_E_NOSERVICE (class missing,
   *     wrong category), JPOS_E_NOHARDWARE (counts file or GPIO not usable)
   */
  public static CashUnit open(JposRegistry registry, String logicalName) throws JposException {
    CashUnit unit =
        new CashUnit(
            DeviceSession.open(
                registry, logicalName, CashChangerService114.class, CLAIM_TIMEOUT_MS));
    try {
      if (unit.changer.getCapDepositDataEvent()) {
        unit.changer.setDataEventEnabled(true);
      }
      return unit;
    } catch (JposException e) {
      unit.session.close();
      throw unit.session.named(e, "enabling deposit events");
    }
  }

  public String logicalName() {
    return session.logicalName();
  }

  /** Calls {@code listener} with the deposit so far each time the customer inserts cash. */
  public void onDepositCounted(Consumer<Deposit> listener) {
    depositListeners.add(listener);
  }

  /** Calls {@code listener} with the new status on every jam, jam cleared or supply change. */
  public void onStatusChange(Consumer<CashUnitStatus> listener) {
    statusListeners.add(listener);
  }

  private void depositCounted() {
    try {
      Deposit d = deposit();
      depositListeners.forEach(l -> l.accept(d));
      changer.setDataEventEnabled(true); // UnifiedPOS input model: re-arm for the next DataEvent
    } catch (JposException e) {
      System.getLogger(CashUnit.class.getName())
          .log(System.Logger.Level.WARNING, logicalName() + ": deposit event lost: " + e);
    }
  }

  private void statusUpdated(int status) {
    if (status == CashChangerConst.CHAN_STATUS_ASYNC) {
      return;
    }
    try {
      CashUnitStatus now = status();
      statusListeners.forEach(l -> l.accept(now));
    } catch (JposException e) {
      System.getLogger(CashUnit.class.getName())
          .log(System.Logger.Level.WARNING, logicalName() + ": status event lost: " + e);
    }
  }

  // ---- deposit -----------------------------------------------------------------------------

  public void beginDeposit() throws JposException {
    call("beginDeposit", changer::beginDeposit);
  }

  /** Closes the slot for now; the deposit so far stays in escrow. */
  public void pauseDeposit() throws JposException {
    call("pauseDeposit", () -> changer.pauseDeposit(CashChangerConst.CHAN_DEPOSIT_PAUSE));
  }

  public void restartDeposit() throws JposException {
    call("restartDeposit", () -> changer.pauseDeposit(CashChangerConst.CHAN_DEPOSIT_RESTART));
  }

  /**
   * Stops accepting cash and returns the final deposit, still in escrow until {@link #endDeposit}.
   */
  public Deposit fixDeposit() throws JposException {
    call("fixDeposit", changer::fixDeposit);
    return deposit();
  }

  public void endDeposit(DepositEnd end) throws JposException {
    call("endDeposit(" + end + ")", () -> changer.endDeposit(end.upos()));
  }

  /** The cash inserted in the current (or last) deposit. */
  public Deposit deposit() throws JposException {
    try {
      List<Denomination> units = Denomination.YEN;
      return new Deposit(
          changer.getDepositAmount(), CashCounts.parse(changer.getDepositCounts(), units));
    } catch (JposException e) {
      throw session.named(e, "reading the deposit");
    } catch (IllegalArgumentException e) {
      throw session.named(e, "parsing DepositCounts");
    }
  }

  // ---- dispense and counts -----------------------------------------------------------------

  /** Pays {@code yen} out of stock; returns once the customer took it. */
  public void dispenseChange(int yen) throws JposException {
    call("dispenseChange(" + yen + ")", () -> changer.dispenseChange(yen));
  }

  /** Pays out exactly {@code counts}. */
  public void dispense(CashCounts counts) throws JposException {
    call("dispenseCash(" + counts + ")", () -> changer.dispenseCash(counts.toString()));
  }

  /**
   * Whether the stock can pay exactly {@code yen}; ask before keeping a deposit that needs change.
   */
  public boolean canDispense(int yen) throws JposException {
    CashCounts stock = cashCounts().counts();
    List<Denomination> exits;
    try {
      exits = Denomination.parseCashList(changer.getExitCashList());
    } catch (JposException | IllegalArgumentException e) {
      throw session.named(e, "reading ExitCashList");
    }
    return ChangePlanner.plan(yen, stock, exits).isPresent();
  }

  public CashInventory cashCounts() throws JposException {
    String[] counts = new String[1];
    boolean[] discrepancy = new boolean[1];
    call("readCashCounts", () -> changer.readCashCounts(counts, discrepancy));
    try {
      return new CashInventory(CashCounts.parse(counts[0], Denomination.YEN), discrepancy[0]);
    } catch (IllegalArgumentException e) {
      throw session.named(e, "parsing readCashCounts '" + counts[0] + "'");
    }
  }

  /** Sets the counts of the denominations listed (after the operator counted or refilled them). */
  public void adjustCashCounts(CashCounts counts, List<Denomination> listed) throws JposException {
    StringBuilder items = new StringBuilder();
    for (Denomination d : listed) {
      items
          .append(items.length() == 0 ? "" : ",")
          .append(d.yen())
          .append(':')
          .append(counts.count(d));
    }
    call("adjustCashCounts", () -> changer.adjustCashCounts(items.toString()));
  }

  /**
   * Whether the unit reports its cash box full (UnifiedPOS FullStatus), so it takes no more
   * deposits; always false for a unit without full sensors (CapFullSensor false).
   */
  public boolean full() throws JposException {
    try {
      return changer.getCapFullSensor()
          && changer.getFullStatus() == CashChangerConst.CHAN_STATUS_FULL;
    } catch (JposException e) {
      throw session.named(e, "reading FullStatus");
    }
  }

  public CashUnitStatus status() throws JposException {
    try {
      return CashUnitStatus.ofDeviceStatus(changer.getDeviceStatus());
    } catch (JposException e) {
      throw session.named(e, "reading DeviceStatus");
    }
  }

  /**
   * Asks the device to check that the cash path is clear after an operator removed a jam
   * (checkHealth internal); pieces left in the dispense escrow go to the retract bin.
   *
   * @throws JposException JPOS_E_FAILURE with the health check text when it is still jammed
   */
  public void clearJam() throws JposException {
    call("checkHealth", () -> changer.checkHealth(JposConst.JPOS_CH_INTERNAL));
    if (status() == CashUnitStatus.JAM) {
      throw new JposException(
          JposConst.JPOS_E_FAILURE,
          logicalName() + ": still jammed: " + changer.getCheckHealthText());
    }
  }

  @Override
  public void close() throws JposException {
    session.close();
  }

  private interface Call {
    void run() throws JposException;
  }

  private void call(String action, Call call) throws JposException {
    try {
      call.run();
    } catch (JposException | RuntimeException e) {
      throw session.named(e, action);
    }
  }
}
