package com.kippu.devices.sim.cash;

import com.kippu.devices.cash.CashAcceptor;
import com.kippu.devices.cash.CashLedger;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.cash.Dispenser;
import com.kippu.devices.cash.service.AbstractCashChanger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jpos.JposException;

/**
 * A JavaPOS CashChanger service for yen coins and notes whose slot and exit tray are a {@link
 * SimulatedCashUnits.Unit}: deposits with pause, escrow and repay, change dispensing, counts kept
 * in a file. The state machine is {@link AbstractCashChanger}'s, shared with the GPIO unit. Its
 * power switch is {@link SimulatedCashDevices#power}; the customer side and the fault switches are
 * {@link SimulatedCashUnits}.
 *
 * <p>jpos.xml properties: {@code countsFile} (String, required), {@code initialCounts} (String,
 * UnifiedPOS cash counts used when the file does not exist yet), {@code nearEmptyCount} (Integer,
 * default 5), {@code dispenseTimeoutMs} (Integer, default 120000), {@code unitName} (String,
 * default the logical name).
 */
public class SimulatedCashChanger extends AbstractCashChanger {

  public static final String UNIT_NAME = "unitName";

  @Override
  public void configure(Map<String, Object> props) throws JposException {
    Object unit = props.get(UNIT_NAME);
    if (unit != null && !(unit instanceof String s && !s.isBlank())) {
      throw illegal("property " + UNIT_NAME + " must be a non-empty String");
    }
    super.configure(props);
  }

  @Override
  protected Set<String> propertiesReadLater() {
    return Set.of(UNIT_NAME);
  }

  private SimulatedCashUnits.Unit unit() {
    return SimulatedCashUnits.unit(stringProperty(UNIT_NAME, logicalName()));
  }

  @Override
  protected String description() {
    return "cash changer";
  }

  @Override
  protected List<Denomination> dispenseDenominations() {
    return Denomination.YEN;
  }

  @Override
  protected List<Denomination> depositDenominations() {
    return Denomination.YEN;
  }

  @Override
  protected Dispenser openDispenser(CashLedger ledger) {
    return new SimulatedDispenser(ledger, unit(), hardware());
  }

  @Override
  protected CashAcceptor openAcceptor() {
    return new UnitAcceptor(unit());
  }
}
