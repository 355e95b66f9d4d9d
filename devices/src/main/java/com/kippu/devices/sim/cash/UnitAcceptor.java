package com.kippu.devices.sim.cash;

import com.kippu.devices.cash.CashAcceptor;
import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.cash.DepositJam;
import java.util.List;
import java.util.function.Consumer;

/** The deposit side of a simulated unit: insertions and repayments go through its slot. */
final class UnitAcceptor implements CashAcceptor {

  private final SimulatedCashUnits.Unit unit;
  private boolean attached;

  UnitAcceptor(SimulatedCashUnits.Unit unit) {
    this.unit = unit;
  }

  @Override
  public List<Denomination> denominations() {
    return Denomination.YEN;
  }

  @Override
  public synchronized void attach(Consumer<CashCounts> inserted, Consumer<String> jammed) {
    unit.attach(inserted, jammed);
    attached = true;
  }

  @Override
  public void setAccepting(boolean accepting) {
    unit.setAccepting(accepting);
  }

  @Override
  public void repay(CashCounts counts) throws DepositJam {
    unit.repay(counts);
  }

  @Override
  public synchronized void close() {
    if (attached) {
      unit.detach();
      attached = false;
    }
  }
}
