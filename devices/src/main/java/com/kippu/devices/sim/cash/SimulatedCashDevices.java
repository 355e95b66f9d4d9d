package com.kippu.devices.sim.cash;

import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.cash.service.CashChangerConfig;
import com.kippu.devices.jpos.JposEntry;
import com.kippu.devices.jpos.JposRegistry;
import com.kippu.devices.sim.SimulatedHardware;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jpos.JposException;

/**
 * The jpos.xml entry of a simulated cash unit, for the simulator to add to the terminal's other
 * simulated devices: {@code withCashChanger(SimulatedDevices.registry(...), ...)}.
 */
public final class SimulatedCashDevices {

  public static final String CASH_CHANGER = "CashChanger";

  private SimulatedCashDevices() {}

  /**
   * The power switch of the simulated cash unit keeping its counts in {@code countsFile} (one
   * physical unit per counts file, whatever logical names point at it).
   */
  public static SimulatedHardware.Unit power(Path countsFile) {
    return SimulatedHardware.unit(countsFile.toAbsolutePath().toString());
  }

  /** The entry {@link #CASH_CHANGER} keeping its counts in {@code countsFile}. */
  public static JposEntry entry(Path countsFile, String unitName, CashCounts initialCounts) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(CashChangerConfig.COUNTS_FILE, countsFile.toAbsolutePath().toString());
    props.put(CashChangerConfig.INITIAL_COUNTS, initialCounts.format(Denomination.YEN));
    props.put(SimulatedCashChanger.UNIT_NAME, unitName);
    return new JposEntry(
        CASH_CHANGER,
        "jpos.loader.service.DefaultServiceInstanceFactory",
        SimulatedCashChanger.class.getName(),
        "CashChanger",
        "1.14",
        "Kippu",
        "https://kippu.example",
        "Kippu Simulated CashChanger",
        "Simulated yen cash unit (cash inserted through SimulatedCashUnits)",
        "https://kippu.example",
        props);
  }

  /** {@code base} with {@link #entry} added (or replacing an entry of the same name). */
  public static JposRegistry withCashChanger(
      JposRegistry base, Path countsFile, String unitName, CashCounts initialCounts)
      throws JposException {
    List<JposEntry> entries = new ArrayList<>();
    for (String name : base.logicalNames()) {
      if (!name.equals(CASH_CHANGER)) {
        entries.add(base.entry(name));
      }
    }
    entries.add(entry(countsFile, unitName, initialCounts));
    return JposRegistry.of(base.source(), entries);
  }
}
