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
 * them) or go untaken (retracted).
 */
final class SimulatedDispenser implements Dispenser {

  private final CashLedger ledger;
  private final SimulatedCashUnits.Unit unit;
  private final SimulatedHardware.Unit power;
  private String fault = "";
  private boolean powerFault;
  private boolean holding;

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
    CompletableFuture<DispenseResult> held = new CompletableFuture<>();
    boolean lostPower = false;
    CompletableFuture<DispenseResult> result;
    synchronized (this) {
      if (!power.online()) {
        return failed(DispenserFault.Kind.OFFLINE, "the unit has no power");
      }
      if (!fault.isEmpty()) {
        return failed(DispenserFault.Kind.NOT_CLEAR, fault);
      }
      if (holding) {
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
        if (unit.holdIfArmed(() -> held.complete(deliver()))) {
          holding = true;
          result = held;
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

  private synchronized DispenseResult deliver() {
    holding = false;
    CashCounts delivered = ledger.deliverDispense();
    unit.deliver(delivered);
    return DispenseResult.taken(delivered);
  }

  private CompletableFuture<DispenseResult> failed(DispenserFault.Kind kind, String message) {
    return CompletableFuture.failedFuture(
        new DispenserFault(kind, message, ledger.snapshot().dispenseEscrow()));
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
  public synchronized void powerRestored() {
    if (!powerFault) {
      return;
    }
    ledger.retractDispense(); // the reset cycle moves what the power loss stopped into the bin
    fault = "";
    powerFault = false;
  }

  @Override
  public void close() {}
}
