package com.kippu.devices.sim;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The power switch of each simulated physical device, by the same name its claims use (the slot or
 * device name). A test or the simulator throws it to make a device go offline or power-cycle; the
 * service then answers JPOS_E_OFFLINE and, with PowerNotify enabled, reports the change as a
 * StatusUpdateEvent.
 *
 * <pre>{@code
 * SimulatedHardware.unit("ReceiptPrinter").powerCycle();
 * }</pre>
 */
public final class SimulatedHardware {

  private static final ConcurrentMap<String, Unit> UNITS = new ConcurrentHashMap<>();

  private SimulatedHardware() {}

  /** The unit named {@code name}, created powered on first use. */
  public static Unit unit(String name) {
    return UNITS.computeIfAbsent(name, Unit::new);
  }

  /** One physical device's power; thread-safe. */
  public static final class Unit {
    private final String name;
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    private boolean online = true;
    private int powerLosses;

    private Unit(String name) {
      this.name = name;
    }

    public String name() {
      return name;
    }

    public synchronized boolean online() {
      return online;
    }

    /** How many times the device lost power since the simulator started. */
    public synchronized int powerLosses() {
      return powerLosses;
    }

    /** Cable pulled or power lost; a no-op when already off. */
    public void powerOff() {
      synchronized (this) {
        if (!online) {
          return;
        }
        online = false;
        powerLosses++;
      }
      listeners.forEach(Runnable::run);
    }

    /** Power back: the device resets; a no-op when already on. */
    public void powerOn() {
      synchronized (this) {
        if (online) {
          return;
        }
        online = true;
      }
      listeners.forEach(Runnable::run);
    }

    public void powerCycle() {
      powerOff();
      powerOn();
    }

    /**
     * Runs {@code l} after every change of power, on the thread that threw the switch; for device
     * services outside this package that react to power themselves (the cash unit's reset).
     */
    public void addPowerListener(Runnable l) {
      listeners.add(l);
    }

    public void removePowerListener(Runnable l) {
      listeners.remove(l);
    }

    void addListener(Runnable l) {
      listeners.add(l);
    }

    void removeListener(Runnable l) {
      listeners.remove(l);
    }
  }
}
