package com.kippu.devices.sim;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Fault switches of simulated e-money reader/writers ({@link SimulatedElectronicValueRW}), one per
 * device name. The card itself is faulted through its slot ({@link
 * SimulatedCardSlots.Slot#pullCardDuringNextWrite}: a torn value record, no value moved); this
 * switch models the other half of "did the payment happen?": the card committed the value record,
 * then the reader lost power before its answer reached the terminal.
 *
 * <pre>{@code
 * SimulatedEMoney.unit("T-001/EMoneyRW").powerLossAfterNextWrite();
 * }</pre>
 */
public final class SimulatedEMoney {

  private static final ConcurrentMap<String, Unit> UNITS = new ConcurrentHashMap<>();

  private SimulatedEMoney() {}

  /** The switches of device {@code name}, created unarmed on first use. */
  public static Unit unit(String name) {
    return UNITS.computeIfAbsent(name, Unit::new);
  }

  /** One reader/writer's switches; thread-safe. */
  public static final class Unit {
    private final String name;
    private boolean powerLossAfterWrite;

    private Unit(String name) {
      this.name = name;
    }

    public String name() {
      return name;
    }

    /**
     * The next value write reaches the card (its record is on the card), then the reader loses
     * power ({@link SimulatedHardware}) before answering: the call fails with JPOS_E_OFFLINE.
     */
    public synchronized void powerLossAfterNextWrite() {
      powerLossAfterWrite = true;
    }

    /** Takes the switch: true once after it was armed. */
    synchronized boolean takePowerLossAfterWrite() {
      boolean armed = powerLossAfterWrite;
      powerLossAfterWrite = false;
      return armed;
    }
  }
}
