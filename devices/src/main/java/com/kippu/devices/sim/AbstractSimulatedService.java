package com.kippu.devices.sim;

import com.kippu.devices.Configurable;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import jpos.JposConst;
import jpos.JposException;
import jpos.loader.JposServiceInstance;
import jpos.services.EventCallbacks;

/**
 * Lifecycle shared by every simulated JavaPOS service: CLOSED → open → claimed → enabled and back,
 * exclusive claims across instances of the same physical device, event delivery ({@link
 * ServiceEvents}: FreezeEvents, DataEventEnabled, AutoDisable, ErrorResponse), power reporting over
 * the {@link SimulatedHardware} power switch, and the guards that throw JPOS_E_CLOSED /
 * JPOS_E_NOTCLAIMED / JPOS_E_DISABLED / JPOS_E_OFFLINE in that order of precedence.
 */
public abstract class AbstractSimulatedService implements Configurable, JposServiceInstance {

  /** UnifiedPOS 1.14 as a service version number (major*1000000 + minor*1000 + build). */
  public static final int SERVICE_VERSION = 1_014_000;

  // Which service instance holds each physical device; claim() is exclusive per device name.
  private static final Map<String, AbstractSimulatedService> CLAIMS = new HashMap<>();

  private final ServiceEvents events = new ServiceEvents(getClass().getSimpleName());
  private final Runnable powerListener = this::onPowerChanged;
  private Map<String, Object> properties = Map.of();
  private String logicalName;
  private EventCallbacks callbacks;
  private SimulatedHardware.Unit hardware;
  private int state = JposConst.JPOS_S_CLOSED;
  private boolean claimed;
  private boolean enabled;
  private boolean autoDisable;
  private int powerNotify = JposConst.JPOS_PN_DISABLED;
  private String checkHealthText = "";

  /**
   * Keeps the properties named by {@link #propertiesReadLater}. Each is looked up by name here, so
   * the registry counts it as known (it refuses a property no service looks up during configure).
   * Subclasses read and check the rest themselves before calling this.
   */
  @Override
  public void configure(Map<String, Object> props) throws JposException {
    Map<String, Object> kept = new HashMap<>();
    for (String name : propertiesReadLater()) {
      Object value = props.get(name);
      if (value != null) {
        kept.put(name, value);
      }
    }
    this.properties = Map.copyOf(kept);
  }

  /** The jpos.xml properties this service reads after configure, with {@link #stringProperty}. */
  protected Set<String> propertiesReadLater() {
    return Set.of();
  }

  /**
   * A property kept by {@link #configure}, or {@code fallback} when it was not given.
   *
   * @throws IllegalStateException when {@code name} is not one of {@link #propertiesReadLater}
   */
  protected String stringProperty(String name, String fallback) {
    if (!propertiesReadLater().contains(name)) {
      throw new IllegalStateException(
          getClass().getName()
              + " reads property "
              + name
              + " after configure; declare it in propertiesReadLater()");
    }
    Object v = properties.get(name);
    return v == null ? fallback : v.toString();
  }

  protected String logicalName() {
    return logicalName;
  }

  /** The name claims are exclusive on; defaults to the logical name. */
  protected String physicalDeviceKey() {
    return logicalName;
  }

  // ---- hooks -------------------------------------------------------------------------------

  protected void onOpen() throws JposException {}

  protected void onEnable() throws JposException {}

  protected void onDisable() throws JposException {}

  protected void onClose() throws JposException {}

  /** The device came back after a power loss: forget what a real device forgets on reset. */
  protected void onPowerRestored() {}

  /** Whether asynchronous output is queued or printing (State JPOS_S_BUSY). */
  protected boolean outputPending() {
    return false;
  }

  protected abstract String description();

  // ---- guards ------------------------------------------------------------------------------

  protected final synchronized void requireOpen() throws JposException {
    if (state == JposConst.JPOS_S_CLOSED) {
      throw new JposException(JposConst.JPOS_E_CLOSED, name() + " is not open");
    }
  }

  protected final synchronized void requireClaimed() throws JposException {
    requireOpen();
    if (!claimed) {
      throw new JposException(JposConst.JPOS_E_NOTCLAIMED, name() + " is not claimed");
    }
  }

  protected final synchronized void requireEnabled() throws JposException {
    requireClaimed();
    if (!enabled) {
      throw new JposException(JposConst.JPOS_E_DISABLED, name() + " is not enabled");
    }
  }

  /**
   * Enabled and powered: what every call that touches the hardware needs. A powered-off device
   * answers JPOS_E_OFFLINE (UnifiedPOS 1.14 §1.5 "Power Reporting Model").
   */
  protected final void requireOnline() throws JposException {
    requireEnabled();
    if (!hardware().online()) {
      throw new JposException(JposConst.JPOS_E_OFFLINE, name() + " is offline (power lost)");
    }
  }

  /** The power switch and counters of this physical device. */
  protected final SimulatedHardware.Unit hardware() {
    SimulatedHardware.Unit h = hardware;
    return h != null ? h : SimulatedHardware.unit(physicalDeviceKey());
  }

  /** Properties that UnifiedPOS lets an application set only while the device is disabled. */
  protected final synchronized void requireDisabled() throws JposException {
    requireOpen();
    if (enabled) {
      throw new JposException(JposConst.JPOS_E_ILLEGAL, name() + " must be disabled for this");
    }
  }

  protected static JposException illegal(String message) {
    return new JposException(JposConst.JPOS_E_ILLEGAL, message);
  }

  protected final JposException unsupported(String what) {
    return illegal(name() + ": " + what + " is not supported by this device");
  }

  protected final String name() {
    return logicalName == null ? getClass().getSimpleName() : logicalName;
  }

  // ---- events ------------------------------------------------------------------------------

  protected final void fireStatusUpdate(int status) {
    events.status(source(), status);
  }

  protected final void fireOutputComplete(int outputId) {
    events.outputComplete(source(), outputId);
  }

  protected final void fireDirectIo(int number, int data, Object object) {
    events.directIo(source(), number, data, object);
  }

  /**
   * Queues a DataEvent that is held only by FreezeEvents, for a service that applies the
   * DataEventEnabled rules itself; other services use {@link #queueData}.
   */
  protected final void fireDataEvent(int status) {
    events.ungatedData(source(), status);
  }

  /**
   * Queues a DataEvent whose data properties {@code publish} sets just before delivery; with
   * AutoDisable the device disables itself now (UnifiedPOS 1.14 "Input Model").
   */
  protected final void queueData(int status, Runnable publish) {
    events.data(source(), status, publish);
    boolean disable;
    synchronized (this) {
      disable = autoDisable && enabled;
    }
    if (disable) {
      try {
        setDeviceEnabled(false);
      } catch (JposException e) {
        throw new IllegalStateException(name() + ": AutoDisable failed", e);
      }
    }
  }

  /** Queues an input ErrorEvent; {@code onResponse} gets the application's final answer. */
  protected final void queueInputError(int code, int extended, IntConsumer onResponse) {
    events.inputError(source(), code, extended, onResponse);
  }

  /**
   * Reports an asynchronous output failure and waits for the application's answer: {@code
   * JPOS_ER_RETRY} or {@code JPOS_ER_CLEAR}. Runs on the output thread, never the caller's.
   */
  protected final int awaitOutputErrorResponse(int code, int extended) {
    try {
      return events.outputError(source(), code, extended);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return JposConst.JPOS_ER_CLEAR;
    }
  }

  /** Drops queued OutputCompleteEvents, for clearOutput. */
  protected final void clearQueuedOutputEvents() {
    events.clearOutput();
  }

  private Object source() {
    EventCallbacks cb = callbacks;
    Object s = cb == null ? null : cb.getEventSource();
    return s == null ? this : s;
  }

  private void onPowerChanged() {
    boolean online = hardware().online();
    boolean report;
    synchronized (this) {
      report = enabled && powerNotify == JposConst.JPOS_PN_ENABLED;
    }
    if (online) {
      onPowerRestored();
    }
    if (report) {
      fireStatusUpdate(
          online ? JposConst.JPOS_SUE_POWER_ONLINE : JposConst.JPOS_SUE_POWER_OFF_OFFLINE);
    }
  }

  // ---- input properties shared by the input devices -----------------------------------------

  public synchronized int getDataCount() throws JposException {
    requireOpen();
    return events.dataCount();
  }

  public synchronized boolean getDataEventEnabled() throws JposException {
    requireOpen();
    return events.dataEventEnabled();
  }

  public void setDataEventEnabled(boolean enabled) throws JposException {
    requireOpen();
    events.setDataEventEnabled(enabled);
  }

  public synchronized boolean getAutoDisable() throws JposException {
    requireOpen();
    return autoDisable;
  }

  public synchronized void setAutoDisable(boolean auto) throws JposException {
    requireOpen();
    autoDisable = auto;
  }

  /** Drops queued input and input errors; subclasses also reset their input state. */
  public void clearInput() throws JposException {
    requireClaimed();
    events.clearInput();
    onClearInput();
  }

  protected void onClearInput() {}

  // ---- BaseService -------------------------------------------------------------------------

  public synchronized void open(String name, EventCallbacks cb) throws JposException {
    if (state != JposConst.JPOS_S_CLOSED) {
      throw illegal(name() + " is already open");
    }
    if (name == null || name.isBlank()) {
      throw illegal("open needs a logical device name");
    }
    if (cb == null) {
      throw illegal(name + ": open needs event callbacks");
    }
    this.logicalName = name;
    this.callbacks = cb;
    onOpen();
    hardware = SimulatedHardware.unit(physicalDeviceKey());
    hardware.addListener(powerListener);
    events.start(cb);
    state = JposConst.JPOS_S_IDLE;
  }

  public void claim(int timeout) throws JposException {
    requireOpen();
    if (timeout < 0 && timeout != JposConst.JPOS_FOREVER) {
      throw illegal(name() + ": claim timeout must be >= 0 or JPOS_FOREVER");
    }
    String key = physicalDeviceKey();
    long deadline = System.nanoTime() + timeout * 1_000_000L;
    synchronized (CLAIMS) {
      while (true) {
        AbstractSimulatedService holder = CLAIMS.get(key);
        if (holder == null || holder == this) {
          CLAIMS.put(key, this);
          break;
        }
        long waitMs = (deadline - System.nanoTime()) / 1_000_000L;
        if (timeout != JposConst.JPOS_FOREVER && waitMs <= 0) {
          throw new JposException(
              JposConst.JPOS_E_TIMEOUT, name() + " is claimed by another instance");
        }
        try {
          CLAIMS.wait(timeout == JposConst.JPOS_FOREVER ? 0 : waitMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new JposException(JposConst.JPOS_E_FAILURE, name() + ": claim interrupted", e);
        }
      }
    }
    synchronized (this) {
      claimed = true;
    }
  }

  public void release() throws JposException {
    synchronized (this) {
      requireOpen();
      if (!claimed) {
        throw illegal(name() + " is not claimed, nothing to release");
      }
      if (enabled) {
        // UnifiedPOS: release of an enabled device disables it first.
        setDeviceEnabled(false);
      }
      claimed = false;
    }
    synchronized (CLAIMS) {
      CLAIMS.remove(physicalDeviceKey(), this);
      CLAIMS.notifyAll();
    }
  }

  public void close() throws JposException {
    requireOpen();
    boolean wasClaimed;
    synchronized (this) {
      wasClaimed = claimed;
    }
    if (wasClaimed) {
      release();
    }
    synchronized (this) {
      try {
        onClose();
      } finally {
        state = JposConst.JPOS_S_CLOSED;
        callbacks = null;
        events.stop();
        hardware.removeListener(powerListener);
        powerNotify = JposConst.JPOS_PN_DISABLED;
        autoDisable = false;
      }
    }
  }

  @Override
  public void deleteInstance() throws JposException {
    synchronized (this) {
      if (state == JposConst.JPOS_S_CLOSED) {
        return;
      }
    }
    close();
  }

  public synchronized boolean getClaimed() throws JposException {
    requireOpen();
    return claimed;
  }

  public synchronized boolean getDeviceEnabled() throws JposException {
    requireOpen();
    return enabled;
  }

  public synchronized void setDeviceEnabled(boolean enable) throws JposException {
    requireClaimed();
    if (enable == enabled) {
      return;
    }
    if (enable) {
      if (!hardware().online() && powerNotify == JposConst.JPOS_PN_DISABLED) {
        // UnifiedPOS 1.14 §1.5: without power reporting an unpowered device cannot be enabled.
        throw new JposException(JposConst.JPOS_E_NOHARDWARE, name() + " is not powered");
      }
      onEnable();
      enabled = true;
    } else {
      enabled = false;
      onDisable();
    }
  }

  public synchronized boolean getFreezeEvents() throws JposException {
    requireOpen();
    return events.frozen();
  }

  /** Frozen events are held in order and delivered when FreezeEvents turns false. */
  public void setFreezeEvents(boolean freeze) throws JposException {
    requireOpen();
    events.setFrozen(freeze);
  }

  public synchronized int getState() throws JposException {
    if (state == JposConst.JPOS_S_CLOSED) {
      return state;
    }
    if (events.errorInProgress()) {
      return JposConst.JPOS_S_ERROR;
    }
    return outputPending() ? JposConst.JPOS_S_BUSY : JposConst.JPOS_S_IDLE;
  }

  public synchronized String getCheckHealthText() throws JposException {
    requireOpen();
    return checkHealthText;
  }

  public synchronized void checkHealth(int level) throws JposException {
    requireEnabled();
    switch (level) {
      case JposConst.JPOS_CH_INTERNAL -> checkHealthText = "Internal HCheck: Successful";
      case JposConst.JPOS_CH_EXTERNAL -> checkHealthText = "External HCheck: Successful";
      case JposConst.JPOS_CH_INTERACTIVE -> throw unsupported("interactive health check");
      default -> throw illegal(name() + ": unknown health check level " + level);
    }
  }

  public void directIO(int command, int[] data, Object object) throws JposException {
    requireOpen();
    throw unsupported("directIO command " + command);
  }

  public String getDeviceServiceDescription() throws JposException {
    requireOpen();
    return "Kippu " + description();
  }

  public int getDeviceServiceVersion() throws JposException {
    return SERVICE_VERSION;
  }

  public String getPhysicalDeviceDescription() throws JposException {
    requireOpen();
    return description() + " (simulated)";
  }

  public String getPhysicalDeviceName() throws JposException {
    requireOpen();
    return "Kippu simulated " + description();
  }

  // ---- capabilities most simulated devices do not have --------------------------------------

  // ---- power reporting (UnifiedPOS 1.14 §1.5, standard model: online or off/offline) ----------

  public int getCapPowerReporting() throws JposException {
    requireOpen();
    return JposConst.JPOS_PR_STANDARD;
  }

  public synchronized int getPowerNotify() throws JposException {
    requireOpen();
    return powerNotify;
  }

  public synchronized void setPowerNotify(int notify) throws JposException {
    requireDisabled();
    if (notify != JposConst.JPOS_PN_DISABLED && notify != JposConst.JPOS_PN_ENABLED) {
      throw illegal(name() + ": PowerNotify must be JPOS_PN_DISABLED or JPOS_PN_ENABLED");
    }
    powerNotify = notify;
  }

  /** JPOS_PS_UNKNOWN unless enabled with PowerNotify on (UnifiedPOS 1.14 §1.5). */
  public synchronized int getPowerState() throws JposException {
    requireOpen();
    if (!enabled || powerNotify == JposConst.JPOS_PN_DISABLED) {
      return JposConst.JPOS_PS_UNKNOWN;
    }
    return hardware().online() ? JposConst.JPOS_PS_ONLINE : JposConst.JPOS_PS_OFF_OFFLINE;
  }

  public boolean getCapStatisticsReporting() throws JposException {
    requireOpen();
    return false;
  }

  public boolean getCapUpdateStatistics() throws JposException {
    requireOpen();
    return false;
  }

  public void resetStatistics(String names) throws JposException {
    requireEnabled();
    throw unsupported("statistics");
  }

  public void retrieveStatistics(String[] xml) throws JposException {
    requireEnabled();
    throw unsupported("statistics");
  }

  public void updateStatistics(String names) throws JposException {
    requireEnabled();
    throw unsupported("statistics");
  }

  public boolean getCapCompareFirmwareVersion() throws JposException {
    requireOpen();
    return false;
  }

  public boolean getCapUpdateFirmware() throws JposException {
    requireOpen();
    return false;
  }

  public void compareFirmwareVersion(String firmwareFileName, int[] result) throws JposException {
    requireEnabled();
    throw unsupported("firmware comparison");
  }

  public void updateFirmware(String firmwareFileName) throws JposException {
    requireEnabled();
    throw unsupported("firmware update");
  }
}
