package com.kippu.devices.cash.service;

import static jpos.CashChangerConst.CHAN_DEPOSIT_CHANGE;
import static jpos.CashChangerConst.CHAN_DEPOSIT_NOCHANGE;
import static jpos.CashChangerConst.CHAN_DEPOSIT_PAUSE;
import static jpos.CashChangerConst.CHAN_DEPOSIT_REPAY;
import static jpos.CashChangerConst.CHAN_DEPOSIT_RESTART;
import static jpos.CashChangerConst.CHAN_STATUS_ASYNC;
import static jpos.CashChangerConst.CHAN_STATUS_DEPOSIT_COUNT;
import static jpos.CashChangerConst.CHAN_STATUS_DEPOSIT_END;
import static jpos.CashChangerConst.CHAN_STATUS_DEPOSIT_JAM;
import static jpos.CashChangerConst.CHAN_STATUS_DEPOSIT_NONE;
import static jpos.CashChangerConst.CHAN_STATUS_DEPOSIT_START;
import static jpos.CashChangerConst.CHAN_STATUS_EMPTY;
import static jpos.CashChangerConst.CHAN_STATUS_EMPTYOK;
import static jpos.CashChangerConst.CHAN_STATUS_JAM;
import static jpos.CashChangerConst.CHAN_STATUS_JAMOK;
import static jpos.CashChangerConst.CHAN_STATUS_NEAREMPTY;
import static jpos.CashChangerConst.CHAN_STATUS_OK;
import static jpos.CashChangerConst.JPOS_ECHAN_OVERDISPENSE;

import com.kippu.devices.cash.CashAcceptor;
import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.CashLedger;
import com.kippu.devices.cash.ChangePlanner;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.cash.DepositJam;
import com.kippu.devices.cash.DispenseResult;
import com.kippu.devices.cash.Dispenser;
import com.kippu.devices.cash.DispenserFault;
import com.kippu.devices.sim.AbstractSimulatedService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jpos.JposConst;
import jpos.JposException;
import jpos.services.CashChangerService114;

/**
 * A UnifiedPOS 1.14 CashChanger service over a {@link Dispenser} and an optional {@link
 * CashAcceptor}, keeping the counts in a {@link CashLedger}. It owns the deposit state machine
 * (beginDeposit, pause/restart, fixDeposit, endDeposit), change planning, async dispensing and the
 * StatusUpdateEvents; subclasses only build the two backends. The customer's deposit stays in
 * escrow until endDeposit stores or repays it, and is repaid when the device is disabled first.
 *
 * <p>Power ({@link com.kippu.devices.sim.SimulatedHardware} switch of the counts file): while the
 * unit is off every call that needs the mechanism or the counts answers JPOS_E_OFFLINE; an
 * accepting deposit is paused with its escrow kept; when power returns the dispenser's reset bins
 * what a power loss left in the dispense escrow, and a deposit escrow no open deposit owns is
 * repaid. A jam on the deposit path keeps the customer's notes in the retract bin; any jam stops
 * deposits and dispensing (DeviceStatus JAM) until checkHealth(JPOS_CH_INTERNAL) clears it.
 */
public abstract class AbstractCashChanger extends AbstractSimulatedService
    implements CashChangerService114 {

  private static final System.Logger LOG = System.getLogger(AbstractCashChanger.class.getName());
  private static final String YEN = "JPY";

  /** UnifiedPOS 1.14 CashChanger: deposit state machine. */
  private enum DepositPhase {
    IDLE,
    ACCEPTING,
    PAUSED,
    FIXED
  }

  private CashChangerConfig config;
  private CashLedger ledger;
  private Dispenser dispenser;
  private CashAcceptor acceptor;
  private DepositPhase phase = DepositPhase.IDLE;
  private CashCounts deposit = CashCounts.empty();
  private boolean dataEventEnabled;
  private int dataCount;
  private boolean asyncMode;
  private int asyncResultCode;
  private int asyncResultCodeExtended;
  private boolean busy;
  private int reportedSupply = CHAN_STATUS_OK;
  private boolean reportedJam;
  private String depositJam = "";
  private final Runnable powerListener = this::powerChanged;
  private String healthText = "";

  // ---- what subclasses provide -------------------------------------------------------------

  /** The denominations the dispenser pays out, known from configuration. */
  protected abstract List<Denomination> dispenseDenominations();

  /** The denominations the acceptor takes, or none when the unit takes no deposits (default). */
  protected List<Denomination> depositDenominations() {
    return List.of();
  }

  /** Builds the dispense backend over the ledger; called when the device is claimed. */
  protected abstract Dispenser openDispenser(CashLedger ledger) throws JposException;

  /** Builds the deposit backend when {@link #depositDenominations} is not empty. */
  protected CashAcceptor openAcceptor() throws JposException {
    throw new IllegalStateException(getClass().getName() + " declares deposits but no acceptor");
  }

  @Override
  public void configure(Map<String, Object> props) throws JposException {
    CashChangerConfig parsed = CashChangerConfig.from(props);
    super.configure(props);
    this.config = parsed;
  }

  @Override
  protected String physicalDeviceKey() {
    // One physical cash unit per counts file, whatever logical names point at it.
    return config.countsFile().toAbsolutePath().toString();
  }

  private boolean takesDeposits() {
    return !depositDenominations().isEmpty();
  }

  // ---- lifecycle hooks ---------------------------------------------------------------------

  @Override
  protected void onOpen() throws JposException {
    if (config == null) {
      throw new JposException(
          JposConst.JPOS_E_NOSERVICE, name() + ": not configured (countsFile missing)");
    }
    phase = DepositPhase.IDLE;
    deposit = CashCounts.empty();
  }

  /**
   * The hardware and the counts file belong to the claiming instance only (several instances may be
   * open on one unit): backends are built on the first claim and released with the claim.
   */
  @Override
  public void claim(int timeout) throws JposException {
    super.claim(timeout);
    synchronized (this) {
      if (dispenser != null) {
        return;
      }
      try {
        acquire();
      } catch (JposException | RuntimeException e) {
        releaseBackends();
        super.release();
        throw e instanceof JposException je
            ? je
            : new JposException(JposConst.JPOS_E_FAILURE, name() + ": claim failed: " + e, e);
      }
    }
  }

  private void acquire() throws JposException {
    try {
      ledger = CashLedger.open(config.countsFile(), config.initialCounts());
    } catch (IOException | UncheckedIOException e) {
      throw new JposException(
          JposConst.JPOS_E_NOHARDWARE,
          name()
              + ": cash counts file "
              + config.countsFile()
              + " is not usable: "
              + e.getMessage(),
          e);
    }
    dispenser = openDispenser(ledger);
    if (takesDeposits()) {
      acceptor = openAcceptor();
      acceptor.attach(this::cashInserted, this::depositJammed);
    }
    hardware().addPowerListener(powerListener);
  }

  @Override
  public void release() throws JposException {
    super.release();
    synchronized (this) {
      releaseBackends();
    }
  }

  private void releaseBackends() {
    hardware().removePowerListener(powerListener);
    if (acceptor != null) {
      acceptor.close();
      acceptor = null;
    }
    if (dispenser != null) {
      dispenser.close();
      dispenser = null;
    }
    ledger = null;
  }

  @Override
  protected void onEnable() throws JposException {
    if (hardware().online()) {
      repayUnfinishedDeposit();
    }
    reportedSupply = supplyStatus();
    reportedJam = faulted();
    healthText = "";
  }

  /**
   * A deposit escrow no open deposit owns (crash, power loss) is still the customer's money and is
   * repaid; a repay that was under way when the unit stopped is never repaid again (see {@link
   * CashLedger#writeOffRepay}).
   */
  private void repayUnfinishedDeposit() {
    settleInterruptedRepay();
    CashCounts left = ledger.snapshot().depositEscrow();
    if (phase == DepositPhase.IDLE && !left.isEmpty() && acceptor != null) {
      LOG.log(System.Logger.Level.WARNING, name() + ": repaying unfinished deposit " + left);
      repayEscrow();
    }
  }

  private void settleInterruptedRepay() {
    if (ledger.snapshot().repaying().isEmpty()) {
      return;
    }
    CashCounts unknown = ledger.writeOffRepay();
    LOG.log(
        System.Logger.Level.WARNING,
        name()
            + ": a repay of "
            + unknown
            + " was interrupted; counted as repaid, discrepancy set: count the unit");
  }

  @Override
  protected void onDisable() {
    if (phase != DepositPhase.IDLE) {
      acceptor.setAccepting(false);
      phase = DepositPhase.IDLE;
      if (hardware().online()) {
        LOG.log(System.Logger.Level.INFO, name() + ": disabled during a deposit, repaying it");
        if (!repayEscrow().isEmpty()) {
          reportJam();
        }
      } else {
        // Nothing moves without power: the escrow stays counted and is repaid once it is back.
        LOG.log(System.Logger.Level.WARNING, name() + ": disabled during a deposit while off");
      }
    }
    dataCount = 0;
  }

  /**
   * Hands the deposit escrow back to the customer. The ledger records the repay before the
   * mechanism moves, so a crash in between never pays twice. When the notes jam on the way out they
   * stay in the unit: counted into the retract bin, the acceptor jammed. Any other failure of the
   * mechanism leaves it unknown whether the notes came out: the repay is written off at once
   * (counted as repaid, discrepancy set) and the unit is not jammed. Returns why the repay failed,
   * or "" when repaid.
   */
  private String repayEscrow() {
    settleInterruptedRepay();
    if (ledger.snapshot().depositEscrow().isEmpty()) {
      return "";
    }
    CashCounts escrow = ledger.startRepay();
    try {
      acceptor.repay(escrow);
    } catch (DepositJam j) {
      CashCounts retained = ledger.retainRepay();
      depositJam = j.getMessage() + "; " + retained + " retained in the retract bin";
      LOG.log(System.Logger.Level.WARNING, name() + ": " + depositJam);
      return depositJam;
    } catch (RuntimeException e) {
      CashCounts unknown = ledger.writeOffRepay();
      String failure =
          "the cash unit failed while repaying "
              + unknown.total()
              + " "
              + YEN
              + " ("
              + unknown
              + "): "
              + e.getMessage()
              + "; whether it reached the customer is unknown, it is counted as repaid and the"
              + " discrepancy flag is set: count the unit";
      LOG.log(System.Logger.Level.WARNING, name() + ": " + failure, e);
      return failure;
    }
    ledger.finishRepay();
    return "";
  }

  /** The deposit transport jammed during an insertion: the unit keeps the deposit in its bin. */
  private void depositJammed(String reason) {
    CashAcceptor slot;
    synchronized (this) {
      if (ledger == null) {
        return; // released meanwhile: the escrow stays counted and the next claim repays it
      }
      slot = acceptor;
      CashCounts retained = ledger.retainDeposit();
      depositJam = reason + "; the deposit's " + retained + " was retained in the retract bin";
      phase = DepositPhase.IDLE;
      LOG.log(System.Logger.Level.WARNING, name() + ": " + depositJam);
    }
    if (slot != null) {
      slot.setAccepting(false); // outside the lock: the jam arrives on the acceptor's thread
    }
    reportJam();
  }

  /** Whether a jam on either cash path stops the unit (DeviceStatus JAM). */
  private boolean faulted() {
    return !depositJam.isEmpty() || dispenser.faulted();
  }

  private String faultReason() {
    if (!depositJam.isEmpty()) {
      return depositJam;
    }
    return dispenser.faultReason();
  }

  /**
   * Registered while claimed, after the base class's power reporting: power off pauses an accepting
   * deposit (its escrow stays counted); power back runs the unit's reset.
   */
  private void powerChanged() {
    boolean online = hardware().online();
    boolean jamCleared = false;
    synchronized (this) {
      if (dispenser == null) {
        return;
      }
      if (!online) {
        if (phase == DepositPhase.ACCEPTING) {
          acceptor.setAccepting(false);
          phase = DepositPhase.PAUSED;
        }
        return;
      }
      dispenser.powerRestored();
      repayUnfinishedDeposit();
      if (reportedJam && !faulted()) {
        reportedJam = false;
        jamCleared = true;
      }
    }
    if (jamCleared) {
      fireStatusUpdate(CHAN_STATUS_JAMOK);
    }
    reportJam();
    reportSupplyChange();
  }

  @Override
  public synchronized int getState() throws JposException {
    int state = super.getState();
    return busy && state != JposConst.JPOS_S_CLOSED ? JposConst.JPOS_S_BUSY : state;
  }

  @Override
  public void checkHealth(int level) throws JposException {
    boolean cleared = false;
    synchronized (this) {
      requireOnline();
      requireNotBusy();
      switch (level) {
        case JposConst.JPOS_CH_INTERNAL -> {
          boolean wasFaulted = faulted();
          try {
            dispenser.clearFault();
            depositJam = ""; // the operator took the jammed notes out; they are counted in the bin
            healthText = "Internal HCheck: Successful";
            cleared = wasFaulted;
            reportedJam = false;
          } catch (DispenserFault f) {
            healthText = "Internal HCheck: " + f.getMessage();
          }
        }
        case JposConst.JPOS_CH_EXTERNAL ->
            healthText =
                faulted() ? "External HCheck: " + faultReason() : "External HCheck: Successful";
        case JposConst.JPOS_CH_INTERACTIVE -> throw unsupported("interactive health check");
        default -> throw illegal(name() + ": unknown health check level " + level);
      }
    }
    if (cleared) {
      fireStatusUpdate(CHAN_STATUS_JAMOK);
    }
  }

  @Override
  public synchronized String getCheckHealthText() throws JposException {
    requireOpen();
    return healthText;
  }

  // ---- deposit -----------------------------------------------------------------------------

  /** Online, deposit-capable and not jammed: what every deposit call needs. */
  private void requireDepositCapable() throws JposException {
    requireOnline();
    if (!takesDeposits()) {
      throw unsupported("cash acceptance (CapDeposit is false)");
    }
    if (!depositJam.isEmpty()) {
      throw new JposException(
          JposConst.JPOS_E_FAILURE,
          name() + ": deposit transport jammed (" + depositJam + "); clear it first");
    }
  }

  private void requirePhase(DepositPhase expected, String call) throws JposException {
    if (phase != expected) {
      throw illegal(name() + ": " + call + " is not allowed while the deposit is " + phase);
    }
  }

  @Override
  public synchronized void beginDeposit() throws JposException {
    requireDepositCapable();
    requirePhase(DepositPhase.IDLE, "beginDeposit");
    requireNotBusy();
    deposit = CashCounts.empty();
    dataCount = 0;
    phase = DepositPhase.ACCEPTING;
    acceptor.setAccepting(true);
  }

  @Override
  public synchronized void pauseDeposit(int control) throws JposException {
    requireDepositCapable();
    switch (control) {
      case CHAN_DEPOSIT_PAUSE -> {
        requirePhase(DepositPhase.ACCEPTING, "pauseDeposit(CHAN_DEPOSIT_PAUSE)");
        phase = DepositPhase.PAUSED;
        acceptor.setAccepting(false);
      }
      case CHAN_DEPOSIT_RESTART -> {
        requirePhase(DepositPhase.PAUSED, "pauseDeposit(CHAN_DEPOSIT_RESTART)");
        phase = DepositPhase.ACCEPTING;
        acceptor.setAccepting(true);
      }
      default -> throw illegal(name() + ": pauseDeposit control " + control + " is not valid");
    }
  }

  @Override
  public synchronized void fixDeposit() throws JposException {
    requireDepositCapable();
    if (phase != DepositPhase.ACCEPTING && phase != DepositPhase.PAUSED) {
      throw illegal(name() + ": fixDeposit is not allowed while the deposit is " + phase);
    }
    acceptor.setAccepting(false);
    phase = DepositPhase.FIXED;
  }

  @Override
  public void endDeposit(int success) throws JposException {
    String failure = "";
    synchronized (this) {
      requireDepositCapable();
      // UnifiedPOS 1.14 CashChanger: fixDeposit must precede endDeposit.
      requirePhase(DepositPhase.FIXED, "endDeposit");
      switch (success) {
        case CHAN_DEPOSIT_CHANGE, CHAN_DEPOSIT_NOCHANGE -> ledger.storeDeposit();
        case CHAN_DEPOSIT_REPAY -> failure = repayEscrow();
        default -> throw illegal(name() + ": endDeposit success " + success + " is not valid");
      }
      // A failed repay ends the deposit too: its escrow is retained or written off, never repaid.
      phase = DepositPhase.IDLE;
      dataCount = 0;
    }
    if (!failure.isEmpty()) {
      reportJam(); // only when the repay jammed
      throw new JposException(
          JposConst.JPOS_E_FAILURE, name() + ": endDeposit(CHAN_DEPOSIT_REPAY) failed: " + failure);
    }
    reportSupplyChange();
  }

  /** Called by the acceptor for every insertion; refuses cash unless a deposit is accepting. */
  private void cashInserted(CashCounts inserted) {
    boolean deliver;
    synchronized (this) {
      if (phase != DepositPhase.ACCEPTING) {
        throw new IllegalStateException(name() + " is not accepting cash (deposit " + phase + ")");
      }
      ledger.escrowDeposit(inserted);
      deposit = deposit.plus(inserted);
      dataCount++;
      deliver = dataEventEnabled;
    }
    if (deliver) {
      deliverDataEvent();
    }
  }

  /** UnifiedPOS input model: one DataEvent per enable of DataEventEnabled, the rest queued. */
  private void deliverDataEvent() {
    synchronized (this) {
      if (!dataEventEnabled || dataCount == 0) {
        return;
      }
      dataCount--;
      dataEventEnabled = false;
    }
    fireDataEvent(0); // UnifiedPOS CashChanger DataEvent: Status is zero
  }

  @Override
  public synchronized int getDepositAmount() throws JposException {
    requireOpen();
    return (int) deposit.total();
  }

  @Override
  public synchronized String getDepositCounts() throws JposException {
    requireOpen();
    return takesDeposits() ? deposit.format(depositDenominations()) : "";
  }

  @Override
  public synchronized String getDepositCashList() throws JposException {
    requireOpen();
    return takesDeposits() ? Denomination.cashList(depositDenominations()) : "";
  }

  @Override
  public synchronized String getDepositCodeList() throws JposException {
    requireOpen();
    return takesDeposits() ? YEN : "";
  }

  @Override
  public synchronized int getDepositStatus() throws JposException {
    requireOpen();
    if (!takesDeposits()) {
      return CHAN_STATUS_DEPOSIT_NONE;
    }
    if (!depositJam.isEmpty()) {
      return CHAN_STATUS_DEPOSIT_JAM;
    }
    if (phase == DepositPhase.IDLE) {
      return CHAN_STATUS_DEPOSIT_END;
    }
    return deposit.isEmpty() ? CHAN_STATUS_DEPOSIT_START : CHAN_STATUS_DEPOSIT_COUNT;
  }

  @Override
  public boolean getCapDeposit() throws JposException {
    requireOpen();
    return takesDeposits();
  }

  @Override
  public boolean getCapDepositDataEvent() throws JposException {
    requireOpen();
    return takesDeposits();
  }

  @Override
  public boolean getCapPauseDeposit() throws JposException {
    requireOpen();
    return takesDeposits();
  }

  @Override
  public boolean getCapRepayDeposit() throws JposException {
    requireOpen();
    return takesDeposits();
  }

  @Override
  public synchronized int getDataCount() throws JposException {
    requireOpen();
    return dataCount;
  }

  @Override
  public synchronized boolean getDataEventEnabled() throws JposException {
    requireOpen();
    return dataEventEnabled;
  }

  @Override
  public void setDataEventEnabled(boolean enabled) throws JposException {
    synchronized (this) {
      requireOpen();
      dataEventEnabled = enabled;
    }
    deliverDataEvent();
  }

  @Override
  public synchronized void clearInput() throws JposException {
    requireClaimed();
    dataCount = 0;
  }

  // ---- dispense ----------------------------------------------------------------------------

  private void requireNotBusy() throws JposException {
    if (busy) {
      throw new JposException(JposConst.JPOS_E_BUSY, name() + ": a dispense is in progress");
    }
  }

  private void requireCanDispense() throws JposException {
    requireOnline();
    if (phase != DepositPhase.IDLE) {
      throw illegal(name() + ": cannot dispense while a deposit is " + phase + "; end it first");
    }
    requireNotBusy();
    if (faulted()) {
      throw new JposException(
          JposConst.JPOS_E_FAILURE,
          name() + ": cash unit fault (" + faultReason() + "); clear it first");
    }
  }

  private JposException overdispense(String what) {
    return new JposException(
        JposConst.JPOS_E_EXTENDED,
        JPOS_ECHAN_OVERDISPENSE,
        name() + ": cannot dispense " + what + " from stock " + ledger.stock());
  }

  @Override
  public void dispenseChange(int amount) throws JposException {
    CashCounts plan;
    synchronized (this) {
      requireCanDispense();
      if (amount <= 0) {
        throw illegal(name() + ": dispenseChange amount must be positive, was " + amount);
      }
      plan =
          ChangePlanner.plan(amount, ledger.stock(), dispenseDenominations())
              .orElseThrow(() -> overdispense(amount + " yen"));
    }
    run(plan);
  }

  @Override
  public void dispenseCash(String cashCounts) throws JposException {
    CashCounts wanted;
    synchronized (this) {
      requireCanDispense();
      try {
        wanted = CashCounts.parse(cashCounts, dispenseDenominations());
      } catch (IllegalArgumentException e) {
        throw illegal(name() + ": dispenseCash: " + e.getMessage());
      }
      if (wanted.isEmpty()) {
        throw illegal(name() + ": dispenseCash needs at least one piece");
      }
      if (!wanted.fitsIn(ledger.stock())) {
        throw overdispense(wanted.toString());
      }
    }
    run(wanted);
  }

  private void run(CashCounts plan) throws JposException {
    CompletableFuture<JposException> done;
    boolean async;
    synchronized (this) {
      busy = true;
      async = asyncMode;
      done = dispenser.dispense(plan).handle((result, error) -> finish(plan, result, error));
    }
    if (async) {
      done.thenRun(() -> fireStatusUpdate(CHAN_STATUS_ASYNC));
      return;
    }
    JposException failure = await(done);
    if (failure != null) {
      throw failure;
    }
  }

  private JposException await(CompletableFuture<JposException> done) throws JposException {
    long ms = config.dispenseTimeout().toMillis();
    try {
      return done.get(ms, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JposException(
          JposConst.JPOS_E_FAILURE, name() + ": interrupted while dispensing", e);
    } catch (TimeoutException e) {
      throw new JposException(
          JposConst.JPOS_E_TIMEOUT,
          name() + ": dispense not finished after " + ms + " ms; the device stays busy until it is",
          e);
    } catch (ExecutionException e) {
      return new JposException(
          JposConst.JPOS_E_FAILURE, name() + ": dispense bookkeeping failed: " + e.getCause(), e);
    }
  }

  /** Books the end of a dispense and maps it to the JposException a caller sees, or null. */
  private JposException finish(CashCounts plan, DispenseResult result, Throwable error) {
    JposException failure = failureOf(plan, result, error);
    synchronized (this) {
      busy = false;
      if (failure != null) {
        asyncResultCode = failure.getErrorCode();
        asyncResultCodeExtended = failure.getErrorCodeExtended();
      } else {
        asyncResultCode = JposConst.JPOS_SUCCESS;
        asyncResultCodeExtended = 0;
      }
    }
    reportJam();
    reportSupplyChange();
    return failure;
  }

  private JposException failureOf(CashCounts plan, DispenseResult result, Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    if (cause instanceof DispenserFault f) {
      int code =
          switch (f.kind()) {
            case BUSY -> JposConst.JPOS_E_BUSY;
            case OFFLINE -> JposConst.JPOS_E_OFFLINE;
            case JAM, SHUTTER, NOT_CLEAR, FAILURE -> JposConst.JPOS_E_FAILURE;
          };
      String escrow = f.inEscrow().isEmpty() ? "" : "; in escrow: " + f.inEscrow();
      return new JposException(
          code, name() + ": dispensing " + plan + " failed: " + f.getMessage() + escrow, f);
    }
    if (cause != null) {
      return new JposException(
          JposConst.JPOS_E_FAILURE, name() + ": dispensing " + plan + " failed: " + cause, null);
    }
    if (result.outcome() == DispenseResult.Outcome.RETRACTED) {
      return new JposException(
          JposConst.JPOS_E_TIMEOUT,
          name() + ": " + result.counts() + " not taken in time and retracted");
    }
    return null;
  }

  @Override
  public synchronized boolean getAsyncMode() throws JposException {
    requireOpen();
    return asyncMode;
  }

  @Override
  public synchronized void setAsyncMode(boolean async) throws JposException {
    requireOpen();
    asyncMode = async;
  }

  @Override
  public synchronized int getAsyncResultCode() throws JposException {
    requireOpen();
    return asyncResultCode;
  }

  @Override
  public synchronized int getAsyncResultCodeExtended() throws JposException {
    requireOpen();
    return asyncResultCodeExtended;
  }

  // ---- counts and status -------------------------------------------------------------------

  private List<Denomination> currencyCashList() {
    TreeSet<Denomination> all = new TreeSet<>(dispenseDenominations());
    all.addAll(depositDenominations());
    return new ArrayList<>(all);
  }

  @Override
  public synchronized void readCashCounts(String[] cashCounts, boolean[] discrepancy)
      throws JposException {
    requireOnline();
    requireNotBusy();
    if (cashCounts == null
        || cashCounts.length < 1
        || discrepancy == null
        || discrepancy.length < 1) {
      throw illegal(name() + ": readCashCounts needs cashCounts[1] and discrepancy[1]");
    }
    CashLedger.Snapshot s = ledger.snapshot();
    cashCounts[0] = s.stock().format(currencyCashList());
    discrepancy[0] = s.discrepancy();
  }

  @Override
  public void adjustCashCounts(String cashCounts) throws JposException {
    synchronized (this) {
      requireOnline();
      requireNotBusy();
      List<Denomination> units = currencyCashList();
      Map<Denomination, Integer> listed;
      try {
        listed = CashCounts.parseItems(cashCounts, units);
      } catch (IllegalArgumentException e) {
        throw illegal(name() + ": adjustCashCounts: " + e.getMessage());
      }
      // UnifiedPOS adjustCashCounts: only the listed units change, a listed zero empties one.
      ledger.adjustStock(CashCounts.of(listed), listed.keySet());
    }
    reportSupplyChange();
  }

  /** UnifiedPOS DeviceStatus over the dispensable denominations: JAM, EMPTY, NEAREMPTY or OK. */
  private int supplyStatus() {
    CashCounts stock = ledger.stock();
    int status = CHAN_STATUS_OK;
    for (Denomination d : dispenseDenominations()) {
      int n = stock.count(d);
      if (n == 0) {
        return CHAN_STATUS_EMPTY;
      }
      if (n <= config.nearEmptyCount()) {
        status = CHAN_STATUS_NEAREMPTY;
      }
    }
    return status;
  }

  private void reportSupplyChange() {
    int event;
    synchronized (this) {
      if (ledger == null) {
        return; // released: a dispense ended by the release reports nothing
      }
      int now = supplyStatus();
      if (now == reportedSupply) {
        return;
      }
      event = now == CHAN_STATUS_OK ? CHAN_STATUS_EMPTYOK : now;
      reportedSupply = now;
    }
    fireStatusUpdate(event);
  }

  private void reportJam() {
    synchronized (this) {
      if (reportedJam || dispenser == null || !faulted()) {
        return;
      }
      reportedJam = true;
    }
    fireStatusUpdate(CHAN_STATUS_JAM);
  }

  @Override
  public synchronized int getDeviceStatus() throws JposException {
    requireOpen();
    if (dispenser == null) {
      return CHAN_STATUS_OK; // UnifiedPOS: kept current while enabled; unknown before the claim
    }
    return faulted() ? CHAN_STATUS_JAM : supplyStatus();
  }

  @Override
  public int getFullStatus() throws JposException {
    requireOpen();
    return CHAN_STATUS_OK; // no full sensors: CapFullSensor and CapNearFullSensor are false
  }

  @Override
  public synchronized String getCurrencyCashList() throws JposException {
    requireOpen();
    return Denomination.cashList(currencyCashList());
  }

  @Override
  public synchronized String getExitCashList() throws JposException {
    requireOpen();
    return Denomination.cashList(dispenseDenominations());
  }

  @Override
  public String getCurrencyCode() throws JposException {
    requireOpen();
    return YEN;
  }

  @Override
  public void setCurrencyCode(String code) throws JposException {
    requireOpen();
    if (!YEN.equals(code)) {
      throw illegal(name() + ": currency " + code + " is not in CurrencyCodeList " + YEN);
    }
  }

  @Override
  public String getCurrencyCodeList() throws JposException {
    requireOpen();
    return YEN;
  }

  @Override
  public int getCurrentExit() throws JposException {
    requireOpen();
    return 1;
  }

  @Override
  public void setCurrentExit(int exit) throws JposException {
    requireOpen();
    if (exit != 1) {
      throw illegal(name() + ": exit " + exit + " does not exist (DeviceExits is 1)");
    }
  }

  @Override
  public int getDeviceExits() throws JposException {
    requireOpen();
    return 1;
  }

  @Override
  public boolean getCapDiscrepancy() throws JposException {
    requireOpen();
    return true;
  }

  @Override
  public boolean getCapEmptySensor() throws JposException {
    requireOpen();
    return true;
  }

  @Override
  public boolean getCapNearEmptySensor() throws JposException {
    requireOpen();
    return true;
  }

  @Override
  public boolean getCapFullSensor() throws JposException {
    requireOpen();
    return false;
  }

  @Override
  public boolean getCapNearFullSensor() throws JposException {
    requireOpen();
    return false;
  }

  @Override
  public boolean getCapJamSensor() throws JposException {
    requireOpen();
    return true;
  }

  @Override
  public boolean getCapRealTimeData() throws JposException {
    requireOpen();
    return false;
  }

  @Override
  public boolean getRealTimeDataEnabled() throws JposException {
    requireOpen();
    return false;
  }

  @Override
  public void setRealTimeDataEnabled(boolean enabled) throws JposException {
    requireOpen();
    if (enabled) {
      throw unsupported("real-time deposit data (CapRealTimeData is false)");
    }
  }

  // UnifiedPOS 1.11 service sharing: a Kippu cash unit is driven by one service object.
  @Override
  public int getCurrentService() throws JposException {
    requireOpen();
    return 0;
  }

  @Override
  public void setCurrentService(int index) throws JposException {
    requireOpen();
    if (index != 0) {
      throw illegal(name() + ": service index " + index + " does not exist (ServiceCount is 0)");
    }
  }

  @Override
  public int getServiceCount() throws JposException {
    requireOpen();
    return 0;
  }

  @Override
  public int getServiceIndex() throws JposException {
    requireOpen();
    return 0;
  }
}
