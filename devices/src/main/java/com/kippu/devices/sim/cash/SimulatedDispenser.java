package com.kippu.devices.sim.cash;

import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.CashLedger;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.cash.DispenseResult;
import com.kippu.devices.cash.Dispenser;
import com.kippu.devices.cash.DispenserFault;
import com.kippu.devices.sim.SimulatedHardware;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A dispenser for every yen denomination: each piece is picked through the ledger, then the lot
 * lands in the unit's exit tray, at once or, with the hold switch, when the customer takes it.
 * Fault switches of the {@link SimulatedCashUnits.Unit} make it jam (pieces stay in escrow until
 * the fault is cleared), lose power (pieces stay in escrow until power returns; the reset bins
 * them) or go untaken (retracted). A held dispense fails OFFLINE when the power goes before the
 * change is taken (the reset bins it) or the dispenser is closed (it stays counted in escrow, for
 * the next claim's reset).
 */
final class SimulatedDispenser implements Dispenser {

  private final CashLedger ledger; // only read after close: a new claim's ledger owns the file
  private final SimulatedCashUnits.Unit unit;
  private final SimulatedHardware.Unit power;
  private String fault = "";
  private boolean powerFault;
  private CompletableFuture<DispenseResult> held; // change waiting in the exit tray
  private Runnable heldCompletion;
  private boolean closed;

  SimulatedDispenser(
      CashLedger ledger, SimulatedCashUnits.Unit unit, SimulatedHardware.Unit power) {
    this.ledger = ledger;
    this.unit = unit;
    this.power = power;
    if (!ledger.snapshot().dispenseEscrow().isEmpty()) {
      // Pieces counted out before a restart: the path is always clear here, so bin them.
      ledger.retractDispense();
    }
  }

  @Override
  public List<Denomination> denominations() {
    return Denomination.YEN;
  }

  @Override
  public CompletableFuture<DispenseResult> dispense(CashCounts counts) {
    CompletableFuture<DispenseResult> waiting = new CompletableFuture<>();
    boolean lostPower = false;
    CompletableFuture<DispenseResult> result;
    synchronized (this) {
      if (closed) {
        return failed(DispenserFault.Kind.OFFLINE, "the dispenser is closed");
      }
      if (!power.online()) {
        return failed(DispenserFault.Kind.OFFLINE, "the unit has no power");
      }
      if (!fault.isEmpty()) {
        return failed(DispenserFault.Kind.NOT_CLEAR, fault);
      }
      if (held != null) {
        return failed(DispenserFault.Kind.BUSY, "change waits in the exit tray");
      }
      int jamAfter = unit.takeJamSwitch();
      int powerLossAfter = unit.takePowerLossSwitch();
      List<Denomination> largestFirst = new ArrayList<>(counts.denominations());
      largestFirst.sort((a, b) -> Integer.compare(b.yen(), a.yen()));
      int picked = 0;
      result = null;
      pick:
      for (Denomination d : largestFirst) {
        for (int i = 0; i < counts.count(d); i++) {
          if (picked == jamAfter) {
            fault = "jam after " + picked + " pieces";
            return failed(DispenserFault.Kind.JAM, fault);
          }
          if (picked == powerLossAfter) {
            fault = "power lost after " + picked + " of " + counts.pieces() + " pieces";
            powerFault = true;
            lostPower = true;
            break pick;
          }
          ledger.pick(d);
          picked++;
        }
      }
      if (!lostPower) {
        if (unit.takeLeaveSwitch()) {
          return CompletableFuture.completedFuture(
              DispenseResult.retracted(ledger.retractDispense()));
        }
        Runnable completion = () -> takeHeld(waiting);
        if (unit.holdIfArmed(completion)) {
          held = waiting;
          heldCompletion = completion;
          result = waiting;
        } else {
          return CompletableFuture.completedFuture(deliver());
        }
      }
    }
    if (lostPower) {
      power.powerOff(); // outside the lock: the services' power listeners run on this thread
      return failed(DispenserFault.Kind.OFFLINE, fault);
    }
    return result;
  }

  private DispenseResult deliver() {
    CashCounts delivered = ledger.deliverDispense();
    unit.deliver(delivered);
    return DispenseResult.taken(delivered);
  }

  /**
   * The customer takes the held change. Without power the shutter stays shut: the dispense fails
   * OFFLINE with the pieces in escrow for the reset; after close or a reset it is stale and touches
   * no ledger (a new claim's ledger owns the counts file).
   */
  private void takeHeld(CompletableFuture<DispenseResult> waiting) {
    DispenseResult taken = null;
    DispenserFault offline = null;
    synchronized (this) {
      if (closed || held != waiting) {
        return;
      }
      held = null;
      heldCompletion = null;
      if (power.online()) {
        taken = deliver();
      } else {
        fault = "power lost with " + ledger.snapshot().dispenseEscrow() + " in the exit tray";
        powerFault = true;
        offline = fault(DispenserFault.Kind.OFFLINE, fault);
      }
    }
    // Outside the lock: completing runs the service's bookkeeping, which takes the service's lock.
    if (offline != null) {
      waiting.completeExceptionally(offline);
    } else {
      waiting.complete(taken);
    }
  }

  private DispenserFault fault(DispenserFault.Kind kind, String message) {
    return new DispenserFault(kind, message, ledger.snapshot().dispenseEscrow());
  }

  private CompletableFuture<DispenseResult> failed(DispenserFault.Kind kind, String message) {
    return CompletableFuture.failedFuture(fault(kind, message));
  }

  @Override
  public synchronized boolean faulted() {
    return !fault.isEmpty();
  }

  @Override
  public synchronized String faultReason() {
    return fault;
  }

  @Override
  public synchronized void clearFault() throws DispenserFault {
    if (fault.isEmpty()) {
      return;
    }
    if (powerFault && !power.online()) {
      throw new DispenserFault(
          DispenserFault.Kind.NOT_CLEAR, fault + "; no power", ledger.snapshot().dispenseEscrow());
    }
    ledger.retractDispense();
    fault = "";
    powerFault = false;
  }

  @Override
  public void powerRestored() {
    CompletableFuture<DispenseResult> dropped;
    DispenserFault reset;
    synchronized (this) {
      dropped = held;
      reset =
          dropped == null
              ? null
              : fault(
                  DispenserFault.Kind.OFFLINE,
                  "power lost while the change waited in the exit tray");
      dropHeld();
      if (!powerFault && dropped == null) {
        return;
      }
      ledger.retractDispense(); // the reset cycle moves what the power loss stopped into the bin
      fault = "";
      powerFault = false;
    }
    if (dropped != null) {
      dropped.completeExceptionally(reset);
    }
  }

  /** Ends a held dispense without touching the ledger: the pieces stay counted in escrow. */
  @Override
  public void close() {
    CompletableFuture<DispenseResult> dropped;
    synchronized (this) {
      closed = true;
      dropped = held;
      dropHeld();
    }
    if (dropped != null) {
      dropped.completeExceptionally(
          fault(DispenserFault.Kind.OFFLINE, "closed with change in the exit tray"));
    }
  }

  private void dropHeld() {
    if (heldCompletion != null) {
      unit.cancelHold(heldCompletion);
    }
    held = null;
    heldCompletion = null;
  }
}
