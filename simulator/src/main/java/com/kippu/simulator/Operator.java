package com.kippu.simulator;

import com.kippu.atm.ops.OperationsLog;
import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.CashLedger;
import com.kippu.devices.cash.CashUnit;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.sim.CardImages;
import com.kippu.devices.sim.SimulatedCardSlots;
import com.kippu.devices.sim.SimulatedDevices;
import com.kippu.devices.sim.SimulatedHardware;
import com.kippu.devices.sim.SimulatedPaper;
import com.kippu.devices.sim.cash.SimulatedCashDevices;
import com.kippu.devices.sim.cash.SimulatedCashUnits;
import com.kippu.simulator.ops.BranchOperations;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jpos.JposException;

/**
 * The operator (supervisor) mode of the branch console: shows each device's state and counters and
 * throws the fault switches of the simulated devices, as a service engineer would at the ATM's
 * supervisor panel. Switches act on the physical side of the devices (slot, paper roll, cash unit,
 * power); the JavaPOS services see the effect on their next call.
 */
public final class Operator {
  /** Bytes of the next card record that reach the card before it is pulled out. */
  static final int TEAR_AFTER_BYTES = 10;

  private static final Pattern TORN = Pattern.compile("(\\d+) torn append");
  private static final List<String> PRINTERS =
      List.of(SimulatedDevices.RECEIPT_PRINTER, SimulatedDevices.TICKET_PRINTER);
  private static final Map<String, String> PAPER_KEYS =
      Map.of(SimulatedDevices.RECEIPT_PRINTER, "rcpt", SimulatedDevices.TICKET_PRINTER, "tckt");

  private final Branch branch;
  private final BufferedReader in;
  private final PrintStream out;

  public Operator(Branch branch, BufferedReader in, PrintStream out) {
    this.branch = branch;
    this.in = in;
    this.out = out;
  }

  /**
   * One entry of the operator menu, chosen by its number or by its key; the number moves when an
   * action is added, the key does not. {@code asks} says what line the action reads from the input
   * when thrown (empty for none), so a panel without a console can offer a field for it.
   */
  record Action(String key, String label, String asks, Command command) {
    Action(String key, String label, Command command) {
      this(key, label, "", command);
    }
  }

  @FunctionalInterface
  interface Command {
    void run() throws IOException;
  }

  /** Runs the operator menu until {@code q}; false when the input ended. */
  boolean run() throws IOException {
    while (true) {
      out.println();
      out.println("=== Operator mode - terminal " + branch.terminalId() + " ===");
      status().forEach(l -> out.println("  " + l));
      List<Action> actions = actions();
      for (int i = 0; i < actions.size(); i++) {
        Action a = actions.get(i);
        out.printf("  [%2d] %-22s %s%n", i + 1, a.key(), a.label());
      }
      out.println("  [q] back to the customer menu");
      out.print("> ");
      out.flush();
      String line = in.readLine();
      if (line == null) {
        return false;
      }
      String choice = line.trim();
      if (choice.equalsIgnoreCase("q") || choice.isEmpty()) {
        return true;
      }
      Optional<Action> action = choose(actions, choice);
      if (action.isEmpty()) {
        out.println("  Please type a number from 1 to " + actions.size() + ", a key or q.");
        continue;
      }
      Action chosen = action.get();
      BranchOperations.record(
          branch.dir(), branch.clock(), OperationsLog.Kind.OPERATOR, chosen.key(), chosen.label());
      chosen.command().run();
    }
  }

  /**
   * A switch of the operator menu: its key, what it does, and what line it reads when thrown (empty
   * when it reads none; power switches read their 1, 2 or 3 and are offered as buttons).
   */
  public record Switch(String key, String label, String asks) {}

  /** Every switch of the operator menu, in menu order. */
  public List<Switch> switches() {
    return actions().stream().map(a -> new Switch(a.key(), a.label(), a.asks())).toList();
  }

  /**
   * Throws the switch {@code key} (a power switch reads 1 off, 2 on or 3 cycle from the input, a
   * switch that asks for a line reads that line); false when there is no such switch. What it
   * reports goes to the output.
   */
  public boolean throwSwitch(String key) throws IOException {
    Optional<Action> action =
        actions().stream().filter(a -> a.key().equalsIgnoreCase(key)).findFirst();
    if (action.isEmpty()) {
      return false;
    }
    // Journaled as the console journals a switch thrown from its menu.
    BranchOperations.record(
        branch.dir(),
        branch.clock(),
        OperationsLog.Kind.OPERATOR,
        action.get().key(),
        action.get().label());
    action.get().command().run();
    return true;
  }

  private static Optional<Action> choose(List<Action> actions, String choice) {
    try {
      int n = Integer.parseInt(choice);
      return n < 1 || n > actions.size() ? Optional.empty() : Optional.of(actions.get(n - 1));
    } catch (NumberFormatException e) {
      return actions.stream().filter(a -> a.key().equalsIgnoreCase(choice)).findFirst();
    }
  }

  /** A replenished roll is endless: it shows the lines used, a loaded one the lines left. */
  static String paperLeft(long remaining) {
    long used = SimulatedPaper.ENDLESS - remaining;
    if (used == 0) {
      return " (full roll)";
    }
    return remaining > SimulatedPaper.ENDLESS / 2
        ? " (fresh roll, " + used + " lines used)"
        : " (" + remaining + " lines left)";
  }

  /** The devices' state and counters, one line per device. */
  public List<String> status() {
    List<String> lines = new ArrayList<>();
    SimulatedCardSlots.Slot slot = branch.slot();
    lines.add(
        device(SimulatedDevices.IC_CARD)
            + "  card: "
            + slot.card().map(p -> p.getFileName().toString()).orElse("none")
            + ", present timeouts "
            + slot.presentTimeouts()
            + ", captured "
            + slot.capturedCards().size()
            + ", torn appends seen "
            + tornAppends()
            + (branch.cardLeftAtNextEject() ? ", ARMED: card not taken at next eject" : ""));
    if (kiosk()) {
      lines.add(
          "Card stocker  blank "
              + slot.blanksInStocker()
              + ", pre-valued "
              + slot.cardsInHopper(KioskStock.PREPAID_HOPPER)
              + ", capture bin "
              + slot.capturedCards().size());
    }
    for (String printer : PRINTERS) {
      SimulatedPaper.Roll roll = SimulatedPaper.roll(unit(printer));
      lines.add(
          device(printer)
              + "  paper "
              + roll.level()
              + paperLeft(roll.remaining())
              + ", paper outs "
              + roll.runOuts());
    }
    for (String other :
        List.of(SimulatedDevices.MSR, SimulatedDevices.PIN_PAD, SimulatedDevices.EMONEY)) {
      lines.add(device(other));
    }
    lines.add(device(SimulatedDevices.CASH_CHANGER) + "  " + cashStatus());
    lines.add(
        "Ticket service: "
            + (branch.ticketsAvailable()
                ? "in service"
                : "OUT OF ORDER - " + branch.ticketsDown()));
    return lines;
  }

  private String device(String logicalName) {
    SimulatedHardware.Unit power = powerSwitch(logicalName);
    return String.format(
        "%-15s power %-3s (losses %d)",
        logicalName, power.online() ? "on" : "OFF", power.powerLosses());
  }

  private String cashStatus() {
    Path file = countsFile();
    String bins;
    try {
      CashLedger.Snapshot s = CashLedger.read(file);
      bins =
          "stock "
              + counts(s.stock())
              + "; escrow "
              + counts(s.dispenseEscrow())
              + "; retracted "
              + counts(s.retracted())
              + (s.discrepancy() ? "; DISCREPANCY" : "");
    } catch (IOException e) {
      bins = "counts file not readable: " + e.getMessage();
    }
    var cash = branch.cash();
    if (cash.isEmpty()) {
      return "not open (" + branch.cashDown() + "); " + bins;
    }
    try {
      return "status " + cash.get().status() + "; " + bins;
    } catch (JposException e) {
      return "status not readable (" + DeviceCheck.describe(e) + "); " + bins;
    }
  }

  private static String counts(CashCounts c) {
    if (c.isEmpty()) {
      return "none";
    }
    StringBuilder b = new StringBuilder();
    for (Denomination d : c.denominations()) {
      if (c.count(d) > 0) {
        b.append(b.length() == 0 ? "" : " ").append(d.yen()).append('x').append(c.count(d));
      }
    }
    return b.toString();
  }

  private String tornAppends() {
    StringBuilder b = new StringBuilder();
    for (Branch.Customer c : Branch.CUSTOMERS) {
      int torn = 0;
      try {
        Matcher m = TORN.matcher(CardImages.dump(branch.cardFile(c)));
        if (m.find()) {
          torn = Integer.parseInt(m.group(1));
        }
      } catch (IOException e) {
        torn = -1;
      }
      b.append(b.length() == 0 ? "" : " ")
          .append(c.cardId())
          .append(':')
          .append(torn < 0 ? "?" : Integer.toString(torn));
    }
    return b.toString();
  }

  private boolean kiosk() {
    return "true".equals(branch.pluginProperties().getProperty("terminal.cardStocker"));
  }

  /** A kiosk's card stocker and face printer (S2 ¶24): faults, and the operator's hands. */
  private void stockerActions(List<Action> actions, SimulatedCardSlots.Slot slot) {
    actions.add(
        new Action(
            "stocker-jam",
            "Card stocker: the next card fed jams (it goes to the capture bin)",
            () -> {
              slot.jamNextFeed();
              out.println("  Armed: the next card fed jams.");
            }));
    actions.add(
        new Action(
            "face-fail",
            "Card printer: the next face print fails (ribbon out)",
            () -> {
              slot.failNextFacePrint("ribbon out");
              out.println("  Armed: the next card face is not printed.");
            }));
    actions.add(
        new Action(
            "stocker-empty",
            "Card stocker: take the blank cards out",
            () ->
                out.println(
                    "  Took out "
                        + slot.unloadHopper(KioskStock.BLANK_HOPPER).size()
                        + " blank card(s).")));
    actions.add(
        new Action(
            "stocker-reload",
            "Card stocker: load the blank cards not yet issued",
            () -> {
              try {
                slot.loadStocker(KioskStock.blankCards(branch));
              } catch (IOException e) {
                out.println("  The blank cards could not be loaded: " + e.getMessage());
                return;
              }
              out.println("  Blank cards in the stocker: " + slot.blanksInStocker());
            }));
  }

  private List<Action> actions() {
    List<Action> actions = new ArrayList<>();
    SimulatedCardSlots.Slot slot = branch.slot();
    actions.add(
        new Action(
            "card-pull",
            "IC card: pull the card out during the next write",
            () -> {
              slot.pullCardDuringNextWrite(TEAR_AFTER_BYTES);
              out.println(
                  "  Armed: the next card write stops after " + TEAR_AFTER_BYTES + " bytes.");
            }));
    actions.add(
        new Action(
            "card-leave",
            "IC card: customer does not take the card at the next eject",
            () -> {
              branch.leaveCardAtNextEject();
              out.println("  Armed: the next ejected card is retracted into the capture bin.");
            }));
    if (kiosk()) {
      stockerActions(actions, slot);
      actions.add(
          new Action(
              "identity-check",
              "Counter: check a registered user's identity document (S2 ¶35)",
              IdentityDesk.ASKS,
              () -> IdentityDesk.check(branch, in, out)));
    }
    for (String printer : PRINTERS) {
      SimulatedPaper.Roll roll = SimulatedPaper.roll(unit(printer));
      String paper = PAPER_KEYS.get(printer);
      actions.add(
          new Action(
              paper + "-near",
              printer + ": paper near end (60 lines left)",
              () -> {
                roll.load(60, 80);
                out.println("  " + printer + " paper: " + roll.level());
              }));
      actions.add(
          new Action(
              paper + "-low",
              printer + ": paper runs out during the next document (5 lines left)",
              () -> {
                roll.load(5, 80);
                out.println("  " + printer + " paper: 5 lines left");
              }));
      actions.add(
          new Action(
              paper + "-out",
              printer + ": paper out (empty roll)",
              () -> {
                roll.load(0, 0);
                out.println("  " + printer + " paper: " + roll.level());
              }));
      actions.add(
          new Action(
              paper + "-reload",
              printer + ": reload paper",
              () -> {
                roll.replenish();
                out.println("  " + printer + " paper: " + roll.level());
              }));
    }
    SimulatedCashUnits.Unit cashUnit = SimulatedCashUnits.unit(unit(SimulatedDevices.CASH_CHANGER));
    actions.add(
        new Action(
            "cash-jam",
            "Cash unit: jam the next dispense after 1 note (notes stay in escrow)",
            () -> {
              cashUnit.jamNextDispense(1);
              out.println("  Armed: the next dispense jams after one note.");
            }));
    actions.add(
        new Action(
            "cash-leave",
            "Cash unit: customer does not take the next dispense (retracted)",
            () -> {
              cashUnit.leaveNextDispense();
              out.println("  Armed: the next dispense is not taken and is retracted.");
            }));
    actions.add(
        new Action("cash-test", "Cash unit: test dispense of 2 x 1,000 yen", this::testDispense));
    actions.add(new Action("cash-clear", "Cash unit: clear a jam (health check)", this::clearJam));
    for (String name : SimulatedDevices.LOGICAL_NAMES) {
      SimulatedHardware.Unit power = powerSwitch(name);
      actions.add(
          new Action(
              "power-" + name,
              "Power switch of " + name + " (now " + (power.online() ? "on" : "OFF") + ")",
              () -> power(name, power)));
    }
    actions.addAll(new OperatorRecords(branch, in, out).actions());
    actions.add(
        new Action(
            "self-test",
            "Run the device self test again (reopens the ticket service)",
            () -> new BranchConsole(branch, in, out).printSelfTest(branch.rerunSelfTest())));
    return actions;
  }

  private void power(String name, SimulatedHardware.Unit power) throws IOException {
    out.println("  Power of " + name + ": [1] off  [2] on  [3] cycle");
    out.print("> ");
    out.flush();
    String line = in.readLine();
    String choice = line == null ? "" : line.trim();
    switch (choice) {
      case "1" -> power.powerOff();
      case "2" -> power.powerOn();
      case "3" -> power.powerCycle();
      default -> {
        out.println("  Power of " + name + " unchanged.");
        return;
      }
    }
    out.println("  " + name + " power " + (power.online() ? "on" : "OFF"));
  }

  private void testDispense() {
    var cash = branch.cash();
    if (cash.isEmpty()) {
      out.println("  Cash unit not open: " + branch.cashDown());
      return;
    }
    SimulatedCashUnits.Unit unit = SimulatedCashUnits.unit(unit(SimulatedDevices.CASH_CHANGER));
    try {
      cash.get().dispense(CashCounts.of(Denomination.NOTE_1000, 2));
      out.println("  Dispensed and taken: " + counts(unit.takeDispensed()));
    } catch (JposException e) {
      out.println("  Dispense failed: " + DeviceCheck.describe(e));
    }
  }

  private void clearJam() {
    var cash = branch.cash();
    if (cash.isEmpty()) {
      out.println("  Cash unit not open: " + branch.cashDown());
      return;
    }
    try {
      CashUnit unit = cash.get();
      unit.clearJam();
      out.println("  Cash unit clear: " + unit.status());
    } catch (JposException e) {
      out.println("  Jam not cleared: " + DeviceCheck.describe(e));
    }
  }

  private String unit(String logicalName) {
    return branch.unitName(logicalName);
  }

  /**
   * The power switch of a device: the unit named after the terminal, except the cash unit, which is
   * one physical unit per counts file.
   */
  private SimulatedHardware.Unit powerSwitch(String logicalName) {
    return SimulatedDevices.CASH_CHANGER.equals(logicalName)
        ? SimulatedCashDevices.power(countsFile())
        : SimulatedHardware.unit(unit(logicalName));
  }

  private Path countsFile() {
    return branch.cashCountsFile();
  }
}
