package com.kippu.devices.jpos;

import jpos.BaseControl;
import jpos.JposConst;
import jpos.JposException;
import jpos.loader.JposServiceInstance;
import jpos.services.BaseService;

/**
 * One opened, claimed and enabled JavaPOS device, driven the way a JavaPOS control drives any
 * vendor's service: create from jpos.xml, {@code open(logicalName, callbacks)}, {@code
 * claim(timeout)}, {@code setDeviceEnabled(true)}; {@link #close} undoes these in reverse order.
 * Every failure surfaces as a JposException whose message names the logical name.
 *
 * @param <S> the service interface the caller drives, e.g. SmartCardRWService114
 */
public final class DeviceSession<S extends BaseService> implements AutoCloseable {

  /** Reported as the control's version (UnifiedPOS 1.14, encoded as major*1000000+minor*1000). */
  public static final int CONTROL_VERSION = 1_014_000;

  /** Oldest DeviceServiceVersion accepted after open: {@link JposRegistry#MIN_VERSION}. */
  public static final int MIN_SERVICE_VERSION = 1_014_000;

  private final String logicalName;
  private final S service;
  private final EventDispatcher events;
  private boolean closed;

  private DeviceSession(String logicalName, S service) {
    this.logicalName = logicalName;
    this.service = service;
    this.events = new EventDispatcher(logicalName, new Control());
  }

  /**
   * Creates the service of {@code logicalName} and brings it to enabled. {@code configure} runs
   * after claim and before enable (may be null) and may add listeners to {@link #events()}. A
   * service whose DeviceServiceVersion is below {@link #MIN_SERVICE_VERSION} is closed again and
   * refused with {@code JPOS_E_NOSERVICE} naming the entry.
   */
  public static <S extends BaseService> DeviceSession<S> open(
      JposRegistry registry,
      String logicalName,
      Class<S> serviceType,
      int claimTimeoutMs,
      Setup<S> configure)
      throws JposException {
    S service = registry.createService(logicalName, serviceType);
    DeviceSession<S> session = new DeviceSession<>(logicalName, service);
    try {
      service.open(logicalName, session.events);
      requireServiceVersion(logicalName, service);
      service.claim(claimTimeoutMs);
      if (configure != null) {
        configure.accept(session);
      }
      service.setDeviceEnabled(true);
      return session;
    } catch (JposException | RuntimeException e) {
      session.closeQuietly();
      throw session.named(e, "opening");
    }
  }

  /**
   * UnifiedPOS: DeviceServiceVersion is valid once the device is open. A service older than 1.14
   * may lack what the *Service114 interface promises although it compiles against it.
   */
  private static void requireServiceVersion(String logicalName, BaseService service)
      throws JposException {
    int version = service.getDeviceServiceVersion();
    if (version < MIN_SERVICE_VERSION) {
      throw new JposException(
          JposConst.JPOS_E_NOSERVICE,
          "jpos.xml entry '"
              + logicalName
              + "': "
              + service.getClass().getName()
              + " reports DeviceServiceVersion "
              + version
              + " ("
              + version / 1_000_000
              + "."
              + version / 1000 % 1000
              + "."
              + version % 1000
              + "); Kippu needs "
              + JposRegistry.MIN_VERSION
              + " or later");
    }
  }

  public static <S extends BaseService> DeviceSession<S> open(
      JposRegistry registry, String logicalName, Class<S> serviceType, int claimTimeoutMs)
      throws JposException {
    return open(registry, logicalName, serviceType, claimTimeoutMs, null);
  }

  /** A step run between claim and enable. */
  @FunctionalInterface
  public interface Setup<S extends BaseService> {
    void accept(DeviceSession<S> session) throws JposException;
  }

  public String logicalName() {
    return logicalName;
  }

  /** The service, for the category-specific calls; do not open, claim or close it directly. */
  public S service() {
    return service;
  }

  public EventDispatcher events() {
    return events;
  }

  /**
   * Wraps a failure of {@code action} on this device into a JposException that names the logical
   * name and keeps the error codes.
   */
  public JposException named(Exception e, String action) {
    if (e instanceof JposException je) {
      if (je.getMessage() != null && je.getMessage().contains(logicalName)) {
        return je;
      }
      return new JposException(
          je.getErrorCode(),
          je.getErrorCodeExtended(),
          logicalName + ": " + action + " failed: " + je.getMessage(),
          je);
    }
    return new JposException(
        JposConst.JPOS_E_FAILURE, logicalName + ": " + action + " failed: " + e, e);
  }

  /** Disables, releases, closes and deletes the service; the first failure is thrown. */
  @Override
  public synchronized void close() throws JposException {
    if (closed) {
      return;
    }
    closed = true;
    JposException first = null;
    try {
      if (service.getState() != JposConst.JPOS_S_CLOSED) {
        if (service.getClaimed()) {
          if (service.getDeviceEnabled()) {
            service.setDeviceEnabled(false);
          }
          service.release();
        }
        service.close();
      }
    } catch (JposException | RuntimeException e) {
      first = named(e, "closing");
    }
    try {
      if (service instanceof JposServiceInstance instance) {
        instance.deleteInstance();
      }
    } catch (JposException | RuntimeException e) {
      if (first == null) {
        first = named(e, "deleting the service instance");
      }
    }
    events.close();
    if (first != null) {
      throw first;
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (JposException ignored) {
      // The open failure is the one worth reporting.
    }
  }

  /** What services see as the event source: a thin control view over the service. */
  private final class Control implements BaseControl {
    @Override
    public String getCheckHealthText() throws JposException {
      return service.getCheckHealthText();
    }

    @Override
    public boolean getClaimed() throws JposException {
      return service.getClaimed();
    }

    @Override
    public String getDeviceControlDescription() {
      return "Kippu JavaPOS control";
    }

    @Override
    public int getDeviceControlVersion() {
      return CONTROL_VERSION;
    }

    @Override
    public boolean getDeviceEnabled() throws JposException {
      return service.getDeviceEnabled();
    }

    @Override
    public void setDeviceEnabled(boolean enabled) throws JposException {
      service.setDeviceEnabled(enabled);
    }

    @Override
    public String getDeviceServiceDescription() throws JposException {
      return service.getDeviceServiceDescription();
    }

    @Override
    public int getDeviceServiceVersion() throws JposException {
      return service.getDeviceServiceVersion();
    }

    @Override
    public boolean getFreezeEvents() throws JposException {
      return service.getFreezeEvents();
    }

    @Override
    public void setFreezeEvents(boolean freeze) throws JposException {
      service.setFreezeEvents(freeze);
    }

    @Override
    public String getPhysicalDeviceDescription() throws JposException {
      return service.getPhysicalDeviceDescription();
    }

    @Override
    public String getPhysicalDeviceName() throws JposException {
      return service.getPhysicalDeviceName();
    }

    @Override
    public int getState() {
      try {
        return service.getState();
      } catch (JposException e) {
        return JposConst.JPOS_S_ERROR;
      }
    }

    @Override
    public void claim(int timeout) throws JposException {
      service.claim(timeout);
    }

    @Override
    public void close() throws JposException {
      DeviceSession.this.close();
    }

    @Override
    public void checkHealth(int level) throws JposException {
      service.checkHealth(level);
    }

    @Override
    public void directIO(int command, int[] data, Object object) throws JposException {
      service.directIO(command, data, object);
    }

    @Override
    public void open(String name) throws JposException {
      throw new JposException(JposConst.JPOS_E_ILLEGAL, logicalName + " is already open");
    }

    @Override
    public void release() throws JposException {
      service.release();
    }

    @Override
    public String toString() {
      return "control of " + logicalName;
    }
  }
}
