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
 * default the logical name), {@code refusedDenominations} (String, a UnifiedPOS cash list such as
 * {@code ";2000"}: the notes or coins the unit's validator hands back uncounted, as many ATMs
 * refuse the 2,000-yen note; default none). The unit still pays change in every denomination it
 * holds.
 */
public class SimulatedCashChanger extends AbstractCashChanger {

  public static final String UNIT_NAME = "unitName";
  public static final String REFUSED_DENOMINATIONS = "refusedDenominations";

  @Override
  public void configure(Map<String, Object> props) throws JposException {
    Object unit = props.get(UNIT_NAME);
    if (unit != null && !(unit instanceof String s && !s.isBlank())) {
      throw illegal("property " + UNIT_NAME + " must be a non-empty String");
    }
    Object refused = props.get(REFUSED_DENOMINATIONS);
    if (refused != null) {
      if (!(refused instanceof String list)) {
        throw illegal("property " + REFUSED_DENOMINATIONS + " must be a String cash list");
      }
      try {
        Denomination.parseCashList(list);
      } catch (IllegalArgumentException e) {
        throw illegal("property " + REFUSED_DENOMINATIONS + ": " + e.getMessage());
      }
    }
    super.configure(props);
  }

  @Override
  protected Set<String> propertiesReadLater() {
    return Set.of(UNIT_NAME, REFUSED_DENOMINATIONS);
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

  /** Every yen denomination but the refused ones. */
  @Override
  protected List<Denomination> depositDenominations() {
    List<Denomination> refused =
        Denomination.parseCashList(stringProperty(REFUSED_DENOMINATIONS, ""));
    return Denomination.YEN.stream().filter(d -> !refused.contains(d)).toList();
  }

  @Override
  protected Dispenser openDispenser(CashLedger ledger) {
    return new SimulatedDispenser(ledger, unit(), hardware());
  }

  @Override
  protected CashAcceptor openAcceptor() {
    return new UnitAcceptor(unit(), depositDenominations());
  }
}
