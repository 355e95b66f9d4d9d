package com.kippu.devices.sim;

import com.kippu.devices.Configurable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import jpos.JposConst;
import jpos.JposException;
import jpos.events.DataEvent;
import jpos.events.ErrorEvent;
import jpos.events.JposEvent;
import jpos.events.OutputCompleteEvent;
import jpos.events.StatusUpdateEvent;
import jpos.loader.JposServiceInstance;
import jpos.services.EventCallbacks;

/**
 * Lifecycle shared by every simulated JavaPOS service: CLOSED → open → claimed → enabled and back,
 * exclusive claims across instances of the same physical device, FreezeEvents, and the guards that
 * throw JPOS_E_CLOSED / JPOS_E_NOTCLAIMED / JPOS_E_DISABLED in that order of precedence. Subclasses
 * add their category's properties and methods and hook {@link #onEnable} etc.
 */
public abstract class AbstractSimulatedService implements Configurable, JposServiceInstance {

  /** UnifiedPOS 1.14 as a service version number (major*1000000 + minor*1000 + build). */
  public static final int SERVICE_VERSION = 1_014_000;

  // Which service instance holds each physical device; claim() is exclusive per device name.
  private static final Map<String, AbstractSimulatedService> CLAIMS = new HashMap<>();

  private final Deque<JposEvent> frozenEvents = new ArrayDeque<>();
  private Map<String, Object> properties = Map.of();
  private String logicalName;
  private EventCallbacks callbacks;
  private int state = JposConst.JPOS_S_CLOSED;
  private boolean claimed;
  private boolean enabled;
  private boolean freezeEvents;
  private String checkHealthText = "";

  @Override
  public void configure(Map<String, Object> props) throws JposException {
    this.properties = Map.copyOf(props);
  }

  /** The jpos.xml properties given by {@link #configure}. */
  protected Map<String, Object> properties() {
    return properties;
  }

  protected String stringProperty(String name, String fallback) {
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
    fire(new StatusUpdateEvent(source(), status));
  }

  protected final void fireDataEvent(int status) {
    fire(new DataEvent(source(), status));
  }

  protected final void fireOutputComplete(int outputId) {
    fire(new OutputCompleteEvent(source(), outputId));
  }

  protected final void fireError(int code, int extended, int locus) {
    fire(new ErrorEvent(source(), code, extended, locus, JposConst.JPOS_ER_CLEAR));
  }

  private Object source() {
    EventCallbacks cb = callbacks;
    Object s = cb == null ? null : cb.getEventSource();
    return s == null ? this : s;
  }

  /** Held while FreezeEvents is true and released in order when it turns false. */
  private void fire(JposEvent event) {
    EventCallbacks cb;
    synchronized (this) {
      if (callbacks == null || state == JposConst.JPOS_S_CLOSED) {
        return;
      }
      if (freezeEvents) {
        frozenEvents.add(event);
        return;
      }
      cb = callbacks;
    }
    dispatch(cb, event);
  }

  private static void dispatch(EventCallbacks cb, JposEvent event) {
    if (event instanceof StatusUpdateEvent e) {
      cb.fireStatusUpdateEvent(e);
    } else if (event instanceof DataEvent e) {
      cb.fireDataEvent(e);
    } else if (event instanceof OutputCompleteEvent e) {
      cb.fireOutputCompleteEvent(e);
    } else if (event instanceof ErrorEvent e) {
      cb.fireErrorEvent(e);
    }
  }

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
        frozenEvents.clear();
        freezeEvents = false;
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
      onEnable();
      enabled = true;
    } else {
      enabled = false;
      onDisable();
    }
  }

  public synchronized boolean getFreezeEvents() throws JposException {
    requireOpen();
    return freezeEvents;
  }

  public void setFreezeEvents(boolean freeze) throws JposException {
    Deque<JposEvent> release = new ArrayDeque<>();
    EventCallbacks cb;
    synchronized (this) {
      requireOpen();
      freezeEvents = freeze;
      if (freeze) {
        return;
      }
      release.addAll(frozenEvents);
      frozenEvents.clear();
      cb = callbacks;
    }
    for (JposEvent e : release) {
      dispatch(cb, e);
    }
  }

  public synchronized int getState() throws JposException {
    return state;
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

  public int getCapPowerReporting() throws JposException {
    requireOpen();
    return JposConst.JPOS_PR_NONE;
  }

  public int getPowerNotify() throws JposException {
    requireOpen();
    return JposConst.JPOS_PN_DISABLED;
  }

  public void setPowerNotify(int notify) throws JposException {
    requireDisabled();
    if (notify != JposConst.JPOS_PN_DISABLED) {
      // UnifiedPOS: PowerNotify may only be enabled when CapPowerReporting is not PR_NONE.
      throw unsupported("power notification");
    }
  }

  public int getPowerState() throws JposException {
    requireOpen();
    return JposConst.JPOS_PS_UNKNOWN;
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
