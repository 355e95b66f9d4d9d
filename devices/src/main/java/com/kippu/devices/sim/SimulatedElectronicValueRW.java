package com.kippu.devices.sim;

import com.kippu.devices.CardApdu;
import com.kippu.devices.CardApdu.Command;
import com.kippu.devices.CardApdu.Response;
import com.kippu.devices.PurseApdu;
import com.kippu.devices.PurseApdu.ValueRecord;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import jpos.ElectronicValueRWConst;
import jpos.JposConst;
import jpos.JposException;
import jpos.services.ElectronicValueRWService114;

/**
 * A JavaPOS ElectronicValueRW service for the e-money purse on the Kippu IC card in a simulated
 * slot ({@link SimulatedCardSlots}, the same card the SmartCardRW reads): readValue, subtractValue
 * and addValue of Amount yen, and queryLastSuccessfulTransactionResult for recovery, each one
 * {@link PurseApdu} command answered by the card's OS. The card appends a value record before it
 * answers, so a card pulled mid-write moves no value, and a repeated request with the same
 * transaction id moves none twice. AsyncMode runs requests on a service thread with
 * OutputCompleteEvent / output ErrorEvent (JPOS_ER_RETRY re-runs).
 *
 * <p>jpos.xml properties: {@code slotName} (String, default the logical name) — the card slot;
 * {@code deviceName} (String, default the logical name) — claims, {@link SimulatedHardware} power
 * and {@link SimulatedEMoney} faults. Parameter {@code TransactionID} (setParameterInformation)
 * names the next value request on the card; result tags (retrieveResultInformation): {@code
 * TransactionType}, {@code Amount}, {@code Balance}, {@code TransactionID}, {@code
 * CardSequenceNumber}.
 */
public class SimulatedElectronicValueRW extends AbstractSimulatedService
    implements ElectronicValueRWService114 {

  /** The card service this reader/writer offers (CardServiceList, CurrentService). */
  public static final String SERVICE = "KippuPurse";

  public static final String PARAM_TRANSACTION_ID = "TransactionID";
  public static final String TAG_TRANSACTION_TYPE = "TransactionType";
  public static final String TAG_AMOUNT = "Amount";
  public static final String TAG_BALANCE = "Balance";
  public static final String TAG_TRANSACTION_ID = "TransactionID";
  public static final String TAG_CARD_SEQUENCE = "CardSequenceNumber";

  private static final Set<String> TAGS =
      Set.of(TAG_TRANSACTION_TYPE, TAG_AMOUNT, TAG_BALANCE, TAG_TRANSACTION_ID, TAG_CARD_SEQUENCE);
  private static final DateTimeFormatter YMDHMS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private enum Kind {
    READ,
    SUBTRACT,
    ADD
  }

  private final Clock clock;
  private final RandomGenerator random;
  private final Consumer<Boolean> slotListener = this::onCardMoved;
  private SimulatedCardSlots.Slot slot;
  private ExecutorService output;
  private int queuedOutput; // asynchronous requests not started yet
  private int runningOutput; // started and not ended: talking to the card or waiting on an error
  private int outputId;
  private long outputGeneration; // bumped by clearOutput and ER_CLEAR: queued requests are dropped

  private boolean asyncMode;
  private long amount;
  private String approvalCode = "";
  private long balance;
  private String lastUsedDate = "";
  private String mediumId = "";
  private int sequenceNumber;
  private long settledAmount;
  private String additionalSecurityInformation = "";
  private String voucherId = "";
  private String voucherIdList = "";
  private boolean detectionControl;
  private int detectionStatus = ElectronicValueRWConst.EVRW_DS_NOCARD;
  private final Map<String, String> parameters = new HashMap<>();
  private final Map<String, String> results = new HashMap<>();

  /** The service as jpos.xml creates it: system clock, secure random transaction ids. */
  public SimulatedElectronicValueRW() {
    this(Clock.systemDefaultZone(), new SecureRandom());
  }

  /** With the clock for LastUsedDate and the random source of default transaction ids. */
  public SimulatedElectronicValueRW(Clock clock, RandomGenerator random) {
    this.clock = clock;
    this.random = random;
  }

  @Override
  public void configure(Map<String, Object> props) throws JposException {
    for (String p : new String[] {"slotName", "deviceName"}) {
      Object v = props.get(p);
      if (v != null && !(v instanceof String s && !s.isBlank())) {
        throw illegal("property " + p + " must be a non-empty String");
      }
    }
    super.configure(props);
  }

  @Override
  protected Set<String> propertiesReadLater() {
    return Set.of("deviceName", "slotName");
  }

  @Override
  protected String description() {
    return "e-money reader/writer (IC card purse)";
  }

  @Override
  protected String physicalDeviceKey() {
    return stringProperty("deviceName", logicalName());
  }

  private String slotName() {
    return stringProperty("slotName", logicalName());
  }

  @Override
  protected void onOpen() {
    slot = SimulatedCardSlots.slot(slotName());
    slot.addListener(slotListener);
    output =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "evrw-output-" + slotName());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  protected void onClose() {
    slot.removeListener(slotListener);
    // Not awaited: close runs under this service's lock, which a finishing request needs; a
    // request waiting for an error answer is released when the event queue stops.
    output.shutdownNow();
    synchronized (this) {
      outputGeneration++;
      queuedOutput = 0;
      asyncMode = false;
    }
  }

  @Override
  protected synchronized boolean outputPending() {
    return queuedOutput + runningOutput > 0;
  }

  private void onCardMoved(boolean present) {
    boolean enabled;
    synchronized (this) {
      enabled = enabledQuietly();
      detectionStatus =
          present ? ElectronicValueRWConst.EVRW_DS_DETECTED : ElectronicValueRWConst.EVRW_DS_NOCARD;
    }
    if (enabled) {
      fireStatusUpdate(
          present
              ? ElectronicValueRWConst.EVRW_SUE_DS_DETECTED
              : ElectronicValueRWConst.EVRW_SUE_DS_NOCARD);
    }
  }

  private boolean enabledQuietly() {
    try {
      return getDeviceEnabled();
    } catch (JposException e) {
      return false;
    }
  }

  // ---- value requests ----------------------------------------------------------------------

  @Override
  public void readValue(int sequenceNumber, int timeout) throws JposException {
    request(Kind.READ, sequenceNumber, timeout);
  }

  @Override
  public void subtractValue(int sequenceNumber, int timeout) throws JposException {
    request(Kind.SUBTRACT, sequenceNumber, timeout);
  }

  @Override
  public void addValue(int sequenceNumber, int timeout) throws JposException {
    request(Kind.ADD, sequenceNumber, timeout);
  }

  /**
   * UnifiedPOS 1.14 Output Model: a synchronous request while asynchronous ones are outstanding
   * (queued, running or waiting in an ErrorEvent) fails with JPOS_E_BUSY, so two value requests
   * never reach the card at once and none overtakes a queued one.
   */
  private synchronized void requireNotBusy() throws JposException {
    if (outputPending()) {
      throw new JposException(
          JposConst.JPOS_E_BUSY,
          name()
              + ": "
              + (queuedOutput + runningOutput)
              + " asynchronous request(s) outstanding; this one must wait");
    }
  }

  /** Runs a request now, or queues it in AsyncMode; the request's parameters are taken now. */
  private void request(Kind kind, int sequence, int timeout) throws JposException {
    requireOnline();
    if (timeout < 0 && timeout != JposConst.JPOS_FOREVER) {
      throw illegal(name() + ": timeout must be >= 0 or JPOS_FOREVER");
    }
    long value;
    String transactionId;
    boolean async;
    int id;
    long generation;
    synchronized (this) {
      async = asyncMode;
      if (!async) {
        requireNotBusy(); // before the TransactionID parameter is used up
      }
      value = amount;
      if (kind != Kind.READ && value <= 0) {
        throw illegal(name() + ": set Amount (> 0 yen) first");
      }
      transactionId = parameters.remove(PARAM_TRANSACTION_ID); // names one request only
      if (transactionId == null) {
        transactionId = "R" + HexFormat.of().toHexDigits(random.nextLong());
      }
      id = async ? ++outputId : 0;
      generation = outputGeneration;
      if (async) {
        queuedOutput++;
      }
    }
    if (!async) {
      execute(kind, sequence, timeout, value, transactionId);
      return;
    }
    String txn = transactionId;
    output.execute(() -> runAsync(id, generation, kind, sequence, timeout, value, txn));
  }

  /**
   * One queued request: an error waits for the application's answer, JPOS_ER_RETRY runs it again,
   * JPOS_ER_CLEAR drops it and every request queued behind it (UnifiedPOS 1.14 "Output Model").
   */
  private void runAsync(
      int id, long generation, Kind kind, int sequence, int timeout, long value, String txn) {
    synchronized (this) {
      if (generation != outputGeneration) {
        return; // dropped by clearOutput or an earlier JPOS_ER_CLEAR
      }
      queuedOutput--;
      runningOutput++;
    }
    try {
      while (true) {
        try {
          requireOnline();
          execute(kind, sequence, timeout, value, txn);
          fireOutputComplete(id);
          return;
        } catch (JposException e) {
          int answer = awaitOutputErrorResponse(e.getErrorCode(), e.getErrorCodeExtended());
          if (answer != JposConst.JPOS_ER_RETRY) {
            dropQueuedRequests();
            return;
          }
        }
        synchronized (this) {
          if (generation != outputGeneration) {
            return; // cleared while its ErrorEvent waited: no retry
          }
        }
      }
    } finally {
      synchronized (this) {
        runningOutput--;
      }
    }
  }

  /**
   * Forgets every queued request; each finds its generation gone and touches no card. The one
   * already running is not interrupted and keeps the device busy until it ends.
   */
  private synchronized void dropQueuedRequests() {
    outputGeneration++;
    queuedOutput = 0;
  }

  private void execute(Kind kind, int sequence, int timeout, long value, String transactionId)
      throws JposException {
    Path card = awaitCard(timeout);
    String cardId = cardId(card);
    switch (kind) {
      case READ -> {
        PurseApdu.Status status = PurseApdu.Status.decode(expectOk(card, PurseApdu.status()));
        synchronized (this) {
          sequenceNumber = sequence;
          balance = status.balanceYen();
          mediumId = cardId;
        }
      }
      case SUBTRACT, ADD -> {
        Command c =
            kind == Kind.SUBTRACT
                ? PurseApdu.debit(value, transactionId)
                : PurseApdu.credit(value, transactionId);
        Response r = transmit(card, c, true);
        if (SimulatedEMoney.unit(physicalDeviceKey()).takePowerLossAfterWrite() && r.ok()) {
          hardware().powerOff(); // the card has committed; its answer is lost with the power
          throw new JposException(
              JposConst.JPOS_E_OFFLINE, name() + ": power lost before the card answered");
        }
        ValueRecord record;
        try {
          record = ValueRecord.decode(checkValueAnswer(r, kind));
        } catch (IllegalArgumentException e) {
          throw new JposException(
              JposConst.JPOS_E_FAILURE, name() + ": unreadable value record: " + e.getMessage(), e);
        }
        synchronized (this) {
          sequenceNumber = sequence;
          balance = record.balanceYen();
          settledAmount = value;
          approvalCode = String.format("%06d", record.sequence());
          lastUsedDate = LocalDateTime.now(clock).format(YMDHMS);
          mediumId = cardId;
          publishResult(record);
        }
      }
    }
  }

  private byte[] checkValueAnswer(Response r, Kind kind) throws JposException {
    return switch (r.sw()) {
      case CardApdu.SW_OK -> r.data();
      case PurseApdu.SW_CONDITIONS_NOT_SATISFIED ->
          throw new JposException(
              JposConst.JPOS_E_EXTENDED,
              kind == Kind.SUBTRACT
                  ? ElectronicValueRWConst.OPOS_EVRW_DEFICIENT
                  : ElectronicValueRWConst.OPOS_EVRW_OVERDEPOSIT,
              name()
                  + (kind == Kind.SUBTRACT
                      ? ": balance too low"
                      : ": balance would exceed " + PurseApdu.MAX_BALANCE_YEN + " yen"));
      case PurseApdu.SW_WRONG_DATA ->
          throw new JposException(
              JposConst.JPOS_E_EXTENDED,
              ElectronicValueRWConst.OPOS_EVRW_COMMANDERROR,
              name() + ": the card's last transaction has this id with another amount");
      case CardApdu.SW_FILE_NOT_FOUND ->
          throw new JposException(
              JposConst.JPOS_E_EXTENDED,
              ElectronicValueRWConst.OPOS_EVRW_COMMANDERROR,
              name() + ": this card (format 1) has no value log; its balance is read-only");
      default ->
          throw new JposException(
              JposConst.JPOS_E_EXTENDED,
              ElectronicValueRWConst.OPOS_EVRW_COMMANDERROR,
              name() + ": card refused the request with SW " + CardApdu.describe(r.sw()));
    };
  }

  private void publishResult(ValueRecord r) {
    results.clear();
    results.put(
        TAG_TRANSACTION_TYPE,
        Integer.toString(
            r.isDebit()
                ? ElectronicValueRWConst.EVRW_TAG_TT_SUBTRACT
                : ElectronicValueRWConst.EVRW_TAG_TT_ADD));
    results.put(TAG_AMOUNT, Long.toString(Math.abs(r.deltaYen())));
    results.put(TAG_BALANCE, Long.toString(r.balanceYen()));
    results.put(TAG_TRANSACTION_ID, r.transactionId());
    results.put(TAG_CARD_SEQUENCE, Integer.toString(r.sequence()));
  }

  /**
   * Reads the card's last value record into the result information: CardSequenceNumber 0 and no
   * other tags when the card has moved no value yet. Needs a card in the slot now.
   */
  @Override
  public void queryLastSuccessfulTransactionResult() throws JposException {
    requireOnline();
    requireNotBusy();
    Path card = awaitCard(0);
    Response r = transmit(card, PurseApdu.lastRecord(), false);
    if (r.sw() == CardApdu.SW_RECORD_NOT_FOUND) {
      synchronized (this) {
        results.clear();
        results.put(TAG_CARD_SEQUENCE, "0");
      }
      return;
    }
    byte[] data = check(r, PurseApdu.lastRecord());
    ValueRecord record;
    try {
      record = ValueRecord.decode(data);
    } catch (IllegalArgumentException e) {
      throw new JposException(
          JposConst.JPOS_E_FAILURE, name() + ": unreadable value record: " + e.getMessage(), e);
    }
    synchronized (this) {
      publishResult(record);
      balance = record.balanceYen();
    }
  }

  @Override
  public synchronized void retrieveResultInformation(String name, String[] value)
      throws JposException {
    requireOpen();
    if (value == null || value.length < 1) {
      throw illegal(name() + ": retrieveResultInformation needs value[1]");
    }
    if (!TAGS.contains(name)) {
      throw illegal(name() + ": unknown result tag '" + name + "'");
    }
    value[0] = results.getOrDefault(name, "");
  }

  @Override
  public synchronized void setParameterInformation(String name, String value) throws JposException {
    requireOpen();
    if (!PARAM_TRANSACTION_ID.equals(name)) {
      throw illegal(name() + ": unknown parameter '" + name + "'");
    }
    try {
      PurseApdu.requireTransactionId(value);
    } catch (IllegalArgumentException e) {
      throw illegal(name() + ": " + e.getMessage());
    }
    parameters.put(name, value);
  }

  @Override
  public synchronized void clearParameterInformation() throws JposException {
    requireOpen();
    parameters.clear();
  }

  // ---- the card ----------------------------------------------------------------------------

  private Path awaitCard(int timeout) throws JposException {
    Optional<Path> now = slot.card();
    if (now.isPresent()) {
      return now.get();
    }
    try {
      boolean arrived =
          timeout == JposConst.JPOS_FOREVER
              ? slot.awaitForever(true)
              : slot.await(true, Duration.ofMillis(timeout));
      if (arrived) {
        Optional<Path> card = slot.card();
        if (card.isPresent()) {
          return card.get();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JposException(JposConst.JPOS_E_FAILURE, name() + ": wait interrupted", e);
    }
    if (timeout == 0) {
      throw new JposException(
          JposConst.JPOS_E_EXTENDED,
          ElectronicValueRWConst.OPOS_EVRW_NOCARD,
          name() + ": no card in slot " + slot.name());
    }
    throw new JposException(
        JposConst.JPOS_E_TIMEOUT, name() + ": no card within " + timeout + " ms");
  }

  private String cardId(Path card) throws JposException {
    byte[] area = expectOk(card, CardApdu.readBinary(CardApdu.SFI_CHIP_AREA, 0, 256));
    try {
      return CardApdu.decodeChipArea(area).cardId();
    } catch (IllegalArgumentException e) {
      throw new JposException(
          JposConst.JPOS_E_FAILURE, name() + ": chip area unreadable: " + e.getMessage(), e);
    }
  }

  private byte[] expectOk(Path card, Command c) throws JposException {
    return check(transmit(card, c, false), c);
  }

  private byte[] check(Response r, Command c) throws JposException {
    if (!r.ok()) {
      throw new JposException(
          JposConst.JPOS_E_EXTENDED,
          ElectronicValueRWConst.OPOS_EVRW_COMMANDERROR,
          name() + ": card refused " + c + " with SW " + CardApdu.describe(r.sw()));
    }
    return r.data();
  }

  private Response transmit(Path card, Command c, boolean write) throws JposException {
    try {
      return CardOs.process(card, c.encode(), write ? slot::takeTearSwitch : () -> -1);
    } catch (CardOs.CardPulledException e) {
      slot.remove();
      throw new JposException(
          JposConst.JPOS_E_EXTENDED,
          ElectronicValueRWConst.OPOS_EVRW_RELEASE,
          name() + ": card pulled out during the value write; no value was moved",
          e);
    } catch (NoSuchFileException e) {
      throw new JposException(
          JposConst.JPOS_E_EXTENDED,
          ElectronicValueRWConst.OPOS_EVRW_NOCARD,
          name() + ": card image " + card + " has disappeared",
          e);
    } catch (CardImage.CorruptImageException e) {
      throw new JposException(
          JposConst.JPOS_E_FAILURE, name() + ": " + e.getMessage() + " (nothing was written)", e);
    } catch (IOException e) {
      throw new JposException(
          JposConst.JPOS_E_EXTENDED,
          ElectronicValueRWConst.OPOS_EVRW_COMMUNICATIONERROR,
          name() + ": card I/O failed on " + card + ": " + e,
          e);
    }
  }

  // ---- detection and removal ---------------------------------------------------------------

  @Override
  public void beginDetection(int type, int timeout) throws JposException {
    requireOnline();
    if (type != ElectronicValueRWConst.EVRW_BD_ANY
        && type != ElectronicValueRWConst.EVRW_BD_SPECIFIC) {
      throw illegal(name() + ": detection type must be EVRW_BD_ANY or EVRW_BD_SPECIFIC");
    }
    if (timeout < 0 && timeout != JposConst.JPOS_FOREVER) {
      throw illegal(name() + ": timeout must be >= 0 or JPOS_FOREVER");
    }
    try {
      awaitCard(timeout);
    } catch (JposException e) {
      if (e.getErrorCode() == JposConst.JPOS_E_EXTENDED) {
        throw new JposException(JposConst.JPOS_E_TIMEOUT, name() + ": no card detected", e);
      }
      throw e;
    }
    synchronized (this) {
      detectionStatus = ElectronicValueRWConst.EVRW_DS_DETECTED;
    }
  }

  @Override
  public synchronized void endDetection() throws JposException {
    requireEnabled();
    detectionStatus =
        slot.card().isPresent()
            ? ElectronicValueRWConst.EVRW_DS_DETECTED
            : ElectronicValueRWConst.EVRW_DS_NOCARD;
  }

  @Override
  public void beginRemoval(int timeout) throws JposException {
    requireOnline();
    if (timeout < 0 && timeout != JposConst.JPOS_FOREVER) {
      throw illegal(name() + ": timeout must be >= 0 or JPOS_FOREVER");
    }
    try {
      boolean gone =
          timeout == JposConst.JPOS_FOREVER
              ? slot.awaitForever(false)
              : slot.await(false, Duration.ofMillis(timeout));
      if (!gone) {
        throw new JposException(JposConst.JPOS_E_TIMEOUT, name() + ": card not removed in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JposException(JposConst.JPOS_E_FAILURE, name() + ": wait interrupted", e);
    }
  }

  @Override
  public synchronized void endRemoval() throws JposException {
    requireEnabled();
    if (slot.card().isPresent()) {
      throw illegal(name() + ": the card is still in the slot");
    }
    detectionStatus = ElectronicValueRWConst.EVRW_DS_NOCARD;
  }

  // ---- what this reader/writer does not do -------------------------------------------------

  @Override
  public void accessLog(int sequenceNumber, int type, int timeout) throws JposException {
    requireEnabled();
    throw unsupported("transaction log access");
  }

  @Override
  public void activateService(int[] data, Object[] obj) throws JposException {
    requireEnabled();
    throw unsupported("service activation");
  }

  @Override
  public void cancelValue(int sequenceNumber, int timeout) throws JposException {
    requireEnabled();
    throw unsupported("cancelValue (a refund is an addValue)");
  }

  @Override
  public void writeValue(int sequenceNumber, int timeout) throws JposException {
    requireEnabled();
    throw unsupported("writeValue (the card computes its balance)");
  }

  @Override
  public void captureCard() throws JposException {
    requireEnabled();
    throw unsupported("card capture");
  }

  @Override
  public void lockTerminal() throws JposException {
    requireEnabled();
    throw unsupported("terminal lock");
  }

  @Override
  public void unlockTerminal() throws JposException {
    requireEnabled();
    throw unsupported("terminal lock");
  }

  @Override
  public void transactionAccess(int control) throws JposException {
    requireEnabled();
    throw unsupported("transactionAccess");
  }

  @Override
  public void updateKey(int[] data, Object[] obj) throws JposException {
    requireEnabled();
    throw unsupported("updateKey");
  }

  @Override
  public void enumerateCardServices() throws JposException {
    requireEnabled(); // CardServiceList is fixed: one purse service
  }

  @Override
  public void clearInputProperties() throws JposException {
    requireClaimed();
    synchronized (this) {
      approvalCode = "";
      balance = 0;
      lastUsedDate = "";
      mediumId = "";
      settledAmount = 0;
      results.clear();
    }
  }

  /**
   * Drops queued requests and their queued OutputCompleteEvents and ErrorEvents. A request already
   * talking to the card finishes (a value write is never interrupted half way); State stays
   * JPOS_S_BUSY and synchronous requests get JPOS_E_BUSY until it has.
   */
  @Override
  public void clearOutput() throws JposException {
    requireClaimed();
    dropQueuedRequests();
    clearQueuedOutputEvents();
  }

  // ---- capabilities ------------------------------------------------------------------------

  @Override
  public boolean getCapActivateService() throws JposException {
    return no();
  }

  @Override
  public boolean getCapAddValue() throws JposException {
    return yes();
  }

  @Override
  public boolean getCapCancelValue() throws JposException {
    return no();
  }

  @Override
  public int getCapCardSensor() throws JposException {
    requireOpen();
    return ElectronicValueRWConst.EVRW_CCS_ENTRY;
  }

  @Override
  public int getCapDetectionControl() throws JposException {
    requireOpen();
    return ElectronicValueRWConst.EVRW_CDC_RWCONTROL;
  }

  @Override
  public boolean getCapElectronicMoney() throws JposException {
    return yes();
  }

  @Override
  public boolean getCapEnumerateCardServices() throws JposException {
    return yes();
  }

  @Override
  public boolean getCapIndirectTransactionLog() throws JposException {
    return no();
  }

  @Override
  public boolean getCapLockTerminal() throws JposException {
    return no();
  }

  @Override
  public boolean getCapLogStatus() throws JposException {
    return no();
  }

  @Override
  public boolean getCapMediumID() throws JposException {
    return yes();
  }

  @Override
  public boolean getCapPoint() throws JposException {
    return no();
  }

  @Override
  public boolean getCapRealTimeData() throws JposException {
    return no();
  }

  @Override
  public boolean getCapSubtractValue() throws JposException {
    return yes();
  }

  @Override
  public boolean getCapTransaction() throws JposException {
    return no();
  }

  @Override
  public boolean getCapTransactionLog() throws JposException {
    return no();
  }

  @Override
  public boolean getCapUnlockTerminal() throws JposException {
    return no();
  }

  @Override
  public boolean getCapUpdateKey() throws JposException {
    return no();
  }

  @Override
  public boolean getCapVoucher() throws JposException {
    return no();
  }

  @Override
  public boolean getCapWriteValue() throws JposException {
    return no();
  }

  @Override
  public boolean getCapPINDevice() throws JposException {
    return no();
  }

  /** Named without "get" in javapos-contracts 1.14; CapTrainingMode. */
  @Override
  public boolean CapTrainingMode() throws JposException {
    return no();
  }

  private boolean yes() throws JposException {
    requireOpen();
    return true;
  }

  private boolean no() throws JposException {
    requireOpen();
    return false;
  }

  // ---- properties --------------------------------------------------------------------------

  @Override
  public String getAccountNumber() throws JposException {
    requireOpen();
    return ""; // the purse is not tied to an account
  }

  @Override
  public synchronized String getAdditionalSecurityInformation() throws JposException {
    requireOpen();
    return additionalSecurityInformation;
  }

  @Override
  public synchronized void setAdditionalSecurityInformation(String info) throws JposException {
    requireOpen();
    additionalSecurityInformation = info == null ? "" : info;
  }

  @Override
  public synchronized long getAmount() throws JposException {
    requireOpen();
    return amount;
  }

  @Override
  public synchronized void setAmount(long value) throws JposException {
    requireOpen();
    if (value < 0) {
      throw illegal(name() + ": Amount must not be negative");
    }
    amount = value;
  }

  @Override
  public synchronized String getApprovalCode() throws JposException {
    requireOpen();
    return approvalCode;
  }

  @Override
  public synchronized void setApprovalCode(String code) throws JposException {
    requireOpen();
    approvalCode = code == null ? "" : code;
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
  public synchronized long getBalance() throws JposException {
    requireOpen();
    return balance;
  }

  @Override
  public long getBalanceOfPoint() throws JposException {
    requireOpen();
    return 0;
  }

  @Override
  public String getCardServiceList() throws JposException {
    requireOpen();
    return SERVICE;
  }

  @Override
  public String getCurrentService() throws JposException {
    requireOpen();
    return SERVICE;
  }

  @Override
  public void setCurrentService(String service) throws JposException {
    requireOpen();
    if (!SERVICE.equals(service) && !"".equals(service)) {
      throw illegal(name() + ": CurrentService must be one of CardServiceList: " + SERVICE);
    }
  }

  @Override
  public synchronized boolean getDetectionControl() throws JposException {
    requireOpen();
    return detectionControl;
  }

  @Override
  public synchronized void setDetectionControl(boolean control) throws JposException {
    requireOpen();
    detectionControl = control;
  }

  @Override
  public synchronized int getDetectionStatus() throws JposException {
    requireOpen();
    return detectionStatus;
  }

  @Override
  public String getExpirationDate() throws JposException {
    requireOpen();
    return "";
  }

  @Override
  public synchronized String getLastUsedDate() throws JposException {
    requireOpen();
    return lastUsedDate;
  }

  @Override
  public int getLogStatus() throws JposException {
    requireOpen();
    return ElectronicValueRWConst.EVRW_LS_OK;
  }

  @Override
  public synchronized String getMediumID() throws JposException {
    requireOpen();
    return mediumId;
  }

  @Override
  public synchronized void setMediumID(String id) throws JposException {
    requireOpen();
    mediumId = id == null ? "" : id;
  }

  @Override
  public synchronized int getOutputID() throws JposException {
    requireOpen();
    return outputId;
  }

  @Override
  public long getPoint() throws JposException {
    requireOpen();
    return 0;
  }

  @Override
  public void setPoint(long point) throws JposException {
    requireOpen();
    if (point != 0) {
      throw unsupported("points");
    }
  }

  @Override
  public String getReaderWriterServiceList() throws JposException {
    requireOpen();
    return SERVICE;
  }

  @Override
  public synchronized int getSequenceNumber() throws JposException {
    requireOpen();
    return sequenceNumber;
  }

  @Override
  public synchronized long getSettledAmount() throws JposException {
    requireOpen();
    return settledAmount;
  }

  @Override
  public long getSettledPoint() throws JposException {
    requireOpen();
    return 0;
  }

  @Override
  public String getTransactionLog() throws JposException {
    requireOpen();
    return "";
  }

  @Override
  public synchronized String getVoucherID() throws JposException {
    requireOpen();
    return voucherId;
  }

  @Override
  public synchronized void setVoucherID(String id) throws JposException {
    requireOpen();
    voucherId = id == null ? "" : id;
  }

  @Override
  public synchronized String getVoucherIDList() throws JposException {
    requireOpen();
    return voucherIdList;
  }

  @Override
  public synchronized void setVoucherIDList(String list) throws JposException {
    requireOpen();
    voucherIdList = list == null ? "" : list;
  }

  @Override
  public int getPINEntry() throws JposException {
    requireOpen();
    return ElectronicValueRWConst.EVRW_PIN_ENTRY_NONE;
  }

  @Override
  public void setPINEntry(int entry) throws JposException {
    requireOpen();
    if (entry != ElectronicValueRWConst.EVRW_PIN_ENTRY_NONE) {
      throw unsupported("PIN entry");
    }
  }

  @Override
  public int getTrainingModeState() throws JposException {
    requireOpen();
    return ElectronicValueRWConst.EVRW_TM_FALSE;
  }

  @Override
  public void setTrainingModeState(int state) throws JposException {
    requireOpen();
    if (state != ElectronicValueRWConst.EVRW_TM_FALSE) {
      throw unsupported("training mode");
    }
  }
}
