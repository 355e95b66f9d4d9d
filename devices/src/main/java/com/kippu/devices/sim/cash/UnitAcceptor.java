package com.kippu.devices.sim.cash;

import com.kippu.devices.cash.CashAcceptor;
import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.cash.DepositJam;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The deposit side of a simulated unit: insertions and repayments go through its slot. */
final class UnitAcceptor implements CashAcceptor {

  private final SimulatedCashUnits.Unit unit;
  private final List<Denomination> taken;
  private boolean attached;

  /** An acceptor taking {@code taken}; the unit hands back every other yen denomination. */
  UnitAcceptor(SimulatedCashUnits.Unit unit, List<Denomination> taken) {
    this.unit = unit;
    this.taken = List.copyOf(taken);
  }

  @Override
  public List<Denomination> denominations() {
    return taken;
  }

  @Override
  public synchronized void attach(Consumer<CashCounts> inserted, Consumer<String> jammed) {
    Set<Denomination> refused = EnumSet.allOf(Denomination.class);
    taken.forEach(refused::remove);
    unit.attach(inserted, jammed, refused);
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
