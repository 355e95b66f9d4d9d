package com.kippu.devices.sim.cash;

import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.cash.DepositJam;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * The physical side of simulated cash units, one per unit name (by default the device's logical
 * name, see the {@code unitName} property of {@link SimulatedCashChanger}): the customer inserts
 * coins and notes here and takes change and repaid deposits from here. Fault switches make the next
 * dispense jam, lose power, wait in the tray or go untaken, and the next insertion or repay jam the
 * deposit transport. The unit's power switch is {@link SimulatedCashDevices#power}.
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
    private Consumer<String> jamListener;
    private Set<Denomination> refused = Set.of();
    private boolean accepting;
    private CashCounts returned = CashCounts.empty();
    private CashCounts dispensed = CashCounts.empty();
    private int jamAfterPieces = -1;
    private boolean leaveNextDispense;
    private int powerLossAfterPieces = -1;
    private boolean jamNextInsertion;
    private boolean jamNextRepay;
    private boolean crashDuringNextRepay;
    private boolean holdNextDispense;
    private Runnable heldDispense;

    private Unit(String name) {
      this.name = name;
    }

    public String name() {
      return name;
    }

    /**
     * The customer inserts {@code counts}; what the unit takes goes into the open deposit's escrow,
     * pieces of a denomination it refuses (its service's {@code refusedDenominations}) come back to
     * the return tray uncounted, as a real validator hands back a note it does not take.
     *
     * @return the refused pieces, now in the return tray (empty when all were taken)
     * @throws IllegalStateException when no deposit is accepting cash (the slot is closed)
     */
    public CashCounts insert(CashCounts counts) {
      Consumer<CashCounts> target;
      Consumer<String> jam;
      CashCounts back = CashCounts.empty();
      synchronized (this) {
        if (service == null || !accepting) {
          throw new IllegalStateException("cash unit " + name + " is not accepting cash");
        }
        for (Denomination d : counts.denominations()) {
          if (refused.contains(d)) {
            back = back.with(d, counts.count(d));
          }
        }
        returned = returned.plus(back);
        if (back.equals(counts)) {
          return back;
        }
        target = service;
        jam = jamNextInsertion ? jamListener : null;
        jamNextInsertion = false;
      }
      CashCounts taken = counts.minus(back);
      target.accept(taken);
      if (jam != null) {
        jam.accept("note jam in the deposit transport after " + taken + " was counted");
      }
      return back;
    }

    /** Inserts {@code count} pieces of {@code d}; the pieces refused, back in the return tray. */
    public CashCounts insert(Denomination d, int count) {
      return insert(CashCounts.of(d, count));
    }

    /** The denominations this unit hands back uncounted (none unless its service says so). */
    public synchronized Set<Denomination> refused() {
      return refused;
    }

    /** Whether the slot is open for cash (a deposit is accepting). */
    public synchronized boolean accepting() {
      return accepting;
    }

    /** What lies in the return tray (repaid and dispensed), not yet taken. */
    public synchronized CashCounts inTray() {
      return returned.plus(dispensed);
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

    /**
     * Fault switch: the power fails during the next dispense after {@code pieces} pieces reached
     * the escrow. Power comes back with {@code SimulatedCashDevices.power(countsFile).powerOn()}.
     */
    public synchronized void losePowerDuringNextDispense(int pieces) {
      if (pieces < 0) {
        throw new IllegalArgumentException("pieces must be >= 0");
      }
      powerLossAfterPieces = pieces;
    }

    /**
     * Fault switch: the deposit transport jams right after the next insertion has been counted; the
     * unit keeps the open deposit in its retract bin.
     */
    public synchronized void jamNextInsertion() {
      jamNextInsertion = true;
    }

    /** Fault switch: the next repaid deposit jams on its way out and stays in the unit. */
    public synchronized void jamNextRepay() {
      jamNextRepay = true;
    }

    /**
     * Fault switch: the controller fails during the next repay, right after the notes reached the
     * customer and before it reports back (a crash or power cut in that window): the repay throws
     * {@link IllegalStateException}.
     */
    public synchronized void crashDuringNextRepay() {
      crashDuringNextRepay = true;
    }

    /**
     * Switch: the next dispense waits in the exit tray until {@link #releaseHeldDispense}, so an
     * asynchronous dispense stays running (the customer is slow to take the change).
     */
    public synchronized void holdNextDispense() {
      holdNextDispense = true;
    }

    /**
     * The customer takes the change the held dispense presented; the dispense completes.
     *
     * @throws IllegalStateException when no dispense is held
     */
    public void releaseHeldDispense() {
      Runnable held;
      synchronized (this) {
        held = heldDispense;
        heldDispense = null;
      }
      if (held == null) {
        throw new IllegalStateException("cash unit " + name + " holds no dispense");
      }
      held.run();
    }

    /** Whether a dispense waits in the exit tray (see {@link #holdNextDispense}). */
    public synchronized boolean holdsDispense() {
      return heldDispense != null;
    }

    synchronized void attach(
        Consumer<CashCounts> inserted, Consumer<String> jammed, Set<Denomination> refusing) {
      if (service != null) {
        throw new IllegalStateException("cash unit " + name + " is already attached to a service");
      }
      service = inserted;
      jamListener = jammed;
      refused = Set.copyOf(refusing);
    }

    synchronized void detach() {
      service = null;
      jamListener = null;
      accepting = false;
    }

    synchronized void setAccepting(boolean on) {
      accepting = on;
    }

    synchronized void repay(CashCounts counts) throws DepositJam {
      if (jamNextRepay) {
        jamNextRepay = false;
        throw new DepositJam("note jam in the deposit transport while repaying " + counts);
      }
      returned = returned.plus(counts);
      if (crashDuringNextRepay) {
        crashDuringNextRepay = false;
        throw new IllegalStateException(
            "cash unit " + name + ": controller failed after handing out " + counts);
      }
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

    /** The armed power-loss switch (pieces before the loss), or -1; disarms it. */
    synchronized int takePowerLossSwitch() {
      int n = powerLossAfterPieces;
      powerLossAfterPieces = -1;
      return n;
    }

    /** Parks {@code completion} when the hold switch is armed (disarming it); false otherwise. */
    synchronized boolean holdIfArmed(Runnable completion) {
      if (!holdNextDispense) {
        return false;
      }
      holdNextDispense = false;
      heldDispense = completion;
      return true;
    }

    /** Forgets {@code completion} if it is still parked (its dispenser closed or was reset). */
    synchronized void cancelHold(Runnable completion) {
      if (heldDispense == completion) {
        heldDispense = null;
      }
    }

    synchronized boolean takeLeaveSwitch() {
      boolean leave = leaveNextDispense;
      leaveNextDispense = false;
      return leave;
    }
  }
}
