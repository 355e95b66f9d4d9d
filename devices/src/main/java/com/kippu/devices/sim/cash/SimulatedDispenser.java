package com.kippu.devices.sim.cash;

import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.CashLedger;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.cash.DispenseResult;
import com.kippu.devices.cash.Dispenser;
import com.kippu.devices.cash.DispenserFault;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A dispenser for every yen denomination that completes at once: each piece is picked through the
 * ledger, then the lot lands in the unit's exit tray, unless a fault switch of the {@link
 * SimulatedCashUnits.Unit} makes it jam (pieces stay in escrow until the fault is cleared) or go
 * untaken (retracted).
 */
final class SimulatedDispenser implements Dispenser {

  private final CashLedger ledger;
  private final SimulatedCashUnits.Unit unit;
  private String fault = "";

  SimulatedDispenser(CashLedger ledger, SimulatedCashUnits.Unit unit) {
    this.ledger = ledger;
    this.unit = unit;
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
  public synchronized CompletableFuture<DispenseResult> dispense(CashCounts counts) {
    if (!fault.isEmpty()) {
      return CompletableFuture.failedFuture(
          new DispenserFault(
              DispenserFault.Kind.NOT_CLEAR, fault, ledger.snapshot().dispenseEscrow()));
    }
    int jamAfter = unit.takeJamSwitch();
    List<Denomination> largestFirst = new ArrayList<>(counts.denominations());
    largestFirst.sort((a, b) -> Integer.compare(b.yen(), a.yen()));
    int picked = 0;
    for (Denomination d : largestFirst) {
      for (int i = 0; i < counts.count(d); i++) {
        if (picked == jamAfter) {
          fault = "jam after " + picked + " pieces";
          return CompletableFuture.failedFuture(
              new DispenserFault(
                  DispenserFault.Kind.JAM, fault, ledger.snapshot().dispenseEscrow()));
        }
        ledger.pick(d);
        picked++;
      }
    }
    if (unit.takeLeaveSwitch()) {
      return CompletableFuture.completedFuture(DispenseResult.retracted(ledger.retractDispense()));
    }
    CashCounts delivered = ledger.deliverDispense();
    unit.deliver(delivered);
    return CompletableFuture.completedFuture(DispenseResult.taken(delivered));
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
  public synchronized void clearFault() {
    if (fault.isEmpty()) {
      return;
    }
    ledger.retractDispense();
    fault = "";
  }

  @Override
  public void close() {}
}
