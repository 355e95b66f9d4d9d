package com.kippu.atm.device;

import com.kippu.atm.payment.CashDesk;
import com.kippu.atm.payment.CashDesk.CashDeskException.Fault;
import com.kippu.atm.payment.CashDesk.CashDeskException.Mishap;
import com.kippu.atm.payment.Money;
import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.CashUnit;
import com.kippu.devices.cash.CashUnitStatus;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.cash.Deposit;
import com.kippu.devices.cash.DepositEnd;
import java.util.Map;
import java.util.TreeMap;
import jpos.JposConst;
import jpos.JposException;

/**
 * The {@link CashDesk} port over any JavaPOS CashChanger service loaded from {@code jpos.xml}
 * (UnifiedPOS deposit state machine: begin, pause, fix, end with change or repay). A failing
 * deposit call is mapped to where the customer's cash is: no power keeps it in escrow, which the
 * unit repays by itself once powered (a deposit left open that way refuses the next one until a
 * restart or self test closes the device); a jam keeps it in the retract bin; a failure while
 * repaying leaves its fate to a count.
 */
public final class JavaPosCashDesk implements CashDesk, AutoCloseable {
  /** Where the open deposit is in the UnifiedPOS deposit state machine. */
  private enum Phase {
    IDLE,
    ACCEPTING,
    PAUSED,
    FIXED
  }

  private final CashUnit unit;
  private Phase phase = Phase.IDLE;

  public JavaPosCashDesk(CashUnit unit) {
    this.unit = unit;
  }

  /** The cash unit, for the operator's counts and jam clearing. */
  public CashUnit unit() {
    return unit;
  }

  @Override
  public boolean full() throws CashDeskException {
    try {
      return unit.full();
    } catch (JposException e) {
      throw new CashDeskException(Fault.OUT_OF_SERVICE, Money.yen(0), e.getMessage(), e);
    }
  }

  @Override
  public void openSlot() throws CashDeskException {
    if (phase != Phase.IDLE) {
      throw new CashDeskException(
          Fault.OUT_OF_SERVICE,
          Money.yen(0),
          unit.logicalName() + ": an earlier deposit is still open in the unit",
          null);
    }
    try {
      unit.beginDeposit();
    } catch (JposException e) {
      throw new CashDeskException(Fault.OUT_OF_SERVICE, Money.yen(0), e.getMessage(), e);
    }
    phase = Phase.ACCEPTING;
  }

  @Override
  public Cash closeSlot() throws CashDeskException {
    if (phase == Phase.ACCEPTING) {
      try {
        unit.pauseDeposit();
      } catch (JposException e) {
        throw depositFault(e);
      }
      phase = Phase.PAUSED;
    }
    return deposit();
  }

  @Override
  public void reopenSlot() throws CashDeskException {
    if (phase == Phase.ACCEPTING) {
      return;
    }
    try {
      unit.restartDeposit();
    } catch (JposException e) {
      throw depositFault(e);
    }
    phase = Phase.ACCEPTING;
  }

  @Override
  public Cash fix() throws CashDeskException {
    if (phase == Phase.ACCEPTING || phase == Phase.PAUSED) {
      try {
        unit.fixDeposit();
      } catch (JposException e) {
        throw depositFault(e);
      }
      phase = Phase.FIXED;
    }
    return deposit();
  }

  @Override
  public Cash repay() throws CashDeskException {
    if (phase == Phase.IDLE) {
      return Cash.none();
    }
    Cash deposit = fix();
    try {
      unit.endDeposit(DepositEnd.REPAY);
    } catch (JposException e) {
      throw depositFault(e);
    }
    phase = Phase.IDLE;
    return deposit;
  }

  @Override
  public void keep(Money change) throws CashDeskException {
    fix();
    try {
      unit.endDeposit(change.yen() > 0 ? DepositEnd.CHANGE : DepositEnd.NO_CHANGE);
    } catch (JposException e) {
      throw depositFault(e);
    }
    phase = Phase.IDLE;
  }

  @Override
  public boolean canPay(Money amount) throws CashDeskException {
    try {
      return unit.canDispense(yen(amount));
    } catch (JposException e) {
      throw new CashDeskException(Fault.OUT_OF_SERVICE, Money.yen(0), e.getMessage(), e);
    }
  }

  @Override
  public void pay(Money amount) throws CashDeskException {
    try {
      unit.dispenseChange(yen(amount));
    } catch (JposException e) {
      // Jammed, not taken (retracted) or no power mid-way: the pieces are in the unit.
      throw new CashDeskException(Fault.NOT_PAID_OUT, payMishap(e), amount, e.getMessage(), e);
    }
  }

  /**
   * A jam leaves the unit in DeviceStatus JAM; a dispense that timed out on an unjammed unit was
   * not taken in time, and the unit retracted it (UnifiedPOS dispense E_TIMEOUT).
   */
  private Mishap payMishap(JposException e) {
    if (jammed()) {
      return Mishap.JAM;
    }
    return e.getErrorCode() == JposConst.JPOS_E_TIMEOUT ? Mishap.RETRACT : Mishap.NONE;
  }

  @Override
  public Money stock() throws CashDeskException {
    try {
      return Money.yen(unit.cashCounts().counts().total());
    } catch (JposException e) {
      throw new CashDeskException(Fault.OUT_OF_SERVICE, Money.yen(0), e.getMessage(), e);
    }
  }

  private Cash deposit() throws CashDeskException {
    try {
      return cash(unit.deposit());
    } catch (JposException e) {
      throw depositFault(e);
    }
  }

  /**
   * A deposit call failed: without power the escrow stays in the unit, which repays it once powered
   * (UnifiedPOS leaves a paused deposit open); a jam of the deposit path retained it; any other
   * failure (a repay cut short) leaves its fate to the unit's count.
   */
  private CashDeskException depositFault(JposException e) {
    Money amount = Money.yen(0);
    try {
      amount = cash(unit.deposit()).amount();
    } catch (JposException ignored) {
      // The amount stays unknown; the fault still says where the cash is.
    }
    Fault fault;
    Mishap mishap = Mishap.NONE;
    if (e.getErrorCode() == JposConst.JPOS_E_OFFLINE) {
      fault = Fault.HELD_IN_ESCROW;
    } else {
      mishap = jammed() ? Mishap.JAM : Mishap.NONE;
      fault = mishap == Mishap.JAM ? Fault.RETAINED : Fault.FATE_UNKNOWN;
      phase = Phase.IDLE;
    }
    return new CashDeskException(fault, mishap, amount, e.getMessage(), e);
  }

  private boolean jammed() {
    try {
      return unit.status() == CashUnitStatus.JAM;
    } catch (JposException e) {
      return false;
    }
  }

  private static Cash cash(Deposit d) {
    Map<Integer, Integer> pieces = new TreeMap<>();
    CashCounts counts = d.counts();
    for (Denomination denomination : Denomination.YEN) {
      if (counts.count(denomination) > 0) {
        pieces.put(denomination.yen(), counts.count(denomination));
      }
    }
    return Cash.of(pieces);
  }

  private static int yen(Money amount) {
    return Math.toIntExact(amount.yen());
  }

  @Override
  public void close() throws JposException {
    unit.close();
  }
}
