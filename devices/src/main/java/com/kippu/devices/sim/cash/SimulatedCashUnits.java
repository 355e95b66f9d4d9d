package com.kippu.devices.sim.cash;

import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.Denomination;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * The physical side of simulated cash units, one per unit name (by default the device's logical
 * name, see the {@code unitName} property of {@link SimulatedCashChanger}): the customer inserts
 * coins and notes here and takes change and repaid deposits from here. Fault switches make the next
 * dispense jam or go untaken.
 *
 * <pre>{@code
 * SimulatedCashUnits.unit("CashChanger").insert(Denomination.NOTE_10000, 1);
 * ...
 * CashCounts change = SimulatedCashUnits.unit("CashChanger").takeDispensed();
 * }</pre>
 */
public final class SimulatedCashUnits {

  private static final ConcurrentMap<String, Unit> UNITS = new ConcurrentHashMap<>();

  private SimulatedCashUnits() {}

  /** The unit named {@code name}, created empty on first use. */
  public static Unit unit(String name) {
    return UNITS.computeIfAbsent(name, Unit::new);
  }

  /** One unit's insertion slot, exit tray and fault switches; thread-safe. */
  public static final class Unit {
    private final String name;
    private Consumer<CashCounts> service;
    private boolean accepting;
    private CashCounts returned = CashCounts.empty();
    private CashCounts dispensed = CashCounts.empty();
    private int jamAfterPieces = -1;
    private boolean leaveNextDispense;

    private Unit(String name) {
      this.name = name;
    }

    public String name() {
      return name;
    }

    /**
     * The customer inserts {@code counts}; they go into the open deposit's escrow.
     *
     * @throws IllegalStateException when no deposit is accepting cash (the slot is closed)
     */
    public void insert(CashCounts counts) {
      Consumer<CashCounts> target;
      synchronized (this) {
        if (service == null || !accepting) {
          throw new IllegalStateException("cash unit " + name + " is not accepting cash");
        }
        target = service;
      }
      target.accept(counts);
    }

    public void insert(Denomination d, int count) {
      insert(CashCounts.of(d, count));
    }

    /** Whether the slot is open for cash (a deposit is accepting). */
    public synchronized boolean accepting() {
      return accepting;
    }

    /** Takes everything repaid from deposits since the last call. */
    public synchronized CashCounts takeReturned() {
      CashCounts out = returned;
      returned = CashCounts.empty();
      return out;
    }

    /** Takes everything dispensed (change) since the last call. */
    public synchronized CashCounts takeDispensed() {
      CashCounts out = dispensed;
      dispensed = CashCounts.empty();
      return out;
    }

    /** Fault switch: the next dispense jams after {@code pieces} pieces reached the escrow. */
    public synchronized void jamNextDispense(int pieces) {
      if (pieces < 0) {
        throw new IllegalArgumentException("pieces must be >= 0");
      }
      jamAfterPieces = pieces;
    }

    /** Fault switch: the customer walks away from the next dispense, which is retracted. */
    public synchronized void leaveNextDispense() {
      leaveNextDispense = true;
    }

    synchronized void attach(Consumer<CashCounts> inserted) {
      if (service != null) {
        throw new IllegalStateException("cash unit " + name + " is already attached to a service");
      }
      service = inserted;
    }

    synchronized void detach() {
      service = null;
      accepting = false;
    }

    synchronized void setAccepting(boolean on) {
      accepting = on;
    }

    synchronized void repay(CashCounts counts) {
      returned = returned.plus(counts);
    }

    synchronized void deliver(CashCounts counts) {
      dispensed = dispensed.plus(counts);
    }

    /** The armed jam switch (pieces before the jam), or -1; disarms it. */
    synchronized int takeJamSwitch() {
      int n = jamAfterPieces;
      jamAfterPieces = -1;
      return n;
    }

    synchronized boolean takeLeaveSwitch() {
      boolean leave = leaveNextDispense;
      leaveNextDispense = false;
      return leave;
    }
  }
}
