package com.kippu.simulator.crash;

import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.flow.pay.CashPayment;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.devices.DeviceCommits;
import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.CashLedger;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.cash.service.CashChangerConfig;
import com.kippu.devices.sim.SimulatedDevices;
import com.kippu.simulator.Branch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cash (S1 ¶57, S2 ¶23): the customer's notes go into the cash unit's escrow, the price is credited
 * to the issuer's account with a 0200 cash deposit, and the cash is kept only once the bank
 * approved; change is dispensed from stock, and a cancel repays the notes inserted. Cash moves only
 * between the customer and the unit, so the customer holds what they came with plus the unit's
 * opening cash minus all the unit holds now (stock, escrows, retract bin, a repay under way) —
 * notes in the exit tray are the customer's, which a killed child cannot forget. What the customer
 * lost the issuer must have been credited, and a payment stands while its cash deposit is APPLIED
 * at the bank host.
 */
final class CashScenario implements CrashScenario {
  private final String name;
  private final String seat;
  private final CashCounts wallet;
  private final long expectedLoss;
  private final boolean cancels;
  private final Map<String, String> knownGaps;
  private final Branch.Customer customer = Branch.CUSTOMERS.get(0);

  private CashScenario(
      String name,
      String seat,
      CashCounts wallet,
      long expectedLoss,
      boolean cancels,
      Map<String, String> knownGaps) {
    this.name = name;
    this.seat = seat;
    this.wallet = wallet;
    this.expectedLoss = expectedLoss;
    this.cancels = cancels;
    this.knownGaps = knownGaps;
  }

  /**
   * Hanako buys seat {@code seat} (section A, 8,800 yen) with a 10,000-yen note and takes 1,200 yen
   * change.
   */
  static CashScenario buys(String name, String seat) {
    // The unit's commits 2 to 6: the deposit kept, three pieces of change picked, change taken.
    return new CashScenario(
        name,
        seat,
        CashCounts.of(Denomination.NOTE_10000, 1),
        8_800,
        false,
        Map.of(
            DeviceCommits.CASH_UNIT + ":5",
            "every piece of change was counted out when the terminal stopped: taken, or binned at"
                + " start, only a count of the retract bin tells, so staff are asked to count it"
                + " and hand the change over"));
  }

  /**
   * Hanako chooses seat {@code seat} (8,800 yen), inserts 7,000 yen, is asked for more, cancels and
   * cancels again at the choice of payment: her notes are repaid and the hold released.
   */
  static CashScenario insertsThenCancels(String name, String seat) {
    CashCounts some =
        CashCounts.of(Denomination.NOTE_5000, 1).plus(CashCounts.of(Denomination.NOTE_1000, 2));
    return new CashScenario(
        name,
        seat,
        some,
        0,
        true,
        Map.of(
            DeviceCommits.CASH_UNIT + ":2",
            "a repay under way at the crash is written off as repaid and the unit asks for a count"
                + " (discrepancy): it cannot know whether the notes came out"));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Branch.Customer customer() {
    return customer;
  }

  @Override
  public ScriptedCustomer journey(Branch branch) {
    ScriptedCustomer customer =
        new ScriptedCustomer()
            .on("select-event", TransferScenario.CONCERT)
            .on("select-seat", seat)
            .on("choose-payment", CashPayment.ID)
            .on(
                "insert-cash",
                screen -> {
                  branch.cashSlot().insert(wallet);
                  return Answer.chose("done");
                });
    return cancels ? customer.on("insert-more", "cancel").on("choose-payment", "cancel") : customer;
  }

  @Override
  public Map<String, String> knownGaps() {
    return knownGaps;
  }

  @Override
  public Weighing weigh(Branch branch) throws Exception {
    long customerYen = wallet.total() + opening(branch).total() - inUnit(branch).total();
    long credited =
        RailRecords.bankMovements(branch.dir(), "DEPOSIT").stream()
            .mapToLong(Payment::amountYen)
            .sum();
    return new Weighing(customerYen + credited, customerYen, credited);
  }

  @Override
  public long expectedLoss() {
    return expectedLoss;
  }

  @Override
  public String ticketMethod() {
    return PaymentProof.CASH;
  }

  @Override
  public Set<Payment> standingPayments(Path dir) throws Exception {
    return RailRecords.bankMovements(dir, "DEPOSIT");
  }

  /**
   * The unit's own count (readCashCounts) agrees with its counts file, nothing is left in an escrow
   * or on its way out, nothing of the customer's is in the retract bin, the counts are trusted, and
   * the customer holds no negative number of any piece.
   */
  @Override
  public List<String> deviceViolations(Branch branch) throws Exception {
    List<String> violations = new ArrayList<>();
    CashLedger.Snapshot file = CashLedger.read(branch.cashCountsFile());
    CashCounts unit = branch.cash().orElseThrow().cashCounts().counts();
    if (!unit.equals(file.stock())) {
      violations.add("the cash unit counts " + unit + " but its file says " + file.stock());
    }
    if (!file.depositEscrow().isEmpty()
        || !file.dispenseEscrow().isEmpty()
        || !file.repaying().isEmpty()) {
      violations.add(
          "cash left in the unit's escrows: deposit "
              + file.depositEscrow()
              + ", dispense "
              + file.dispenseEscrow()
              + ", repaying "
              + file.repaying());
    }
    // The retract bin is counted as the unit's (inUnit): pieces of the customer's left there show
    // as a customer short of money, which the conservation check reports. Pieces of change counted
    // out when the terminal stopped are binned at start and the change is paid again in full: the
    // bin then holds the unit's own money, for the cash closing.
    if (file.discrepancy()) {
      violations.add("the unit flags a discrepancy: its counts are not trusted");
    }
    CashCounts opening = opening(branch).plus(wallet);
    CashCounts held = inUnit(branch);
    for (Denomination d : Denomination.YEN) {
      if (held.count(d) > opening.count(d)) {
        violations.add(
            "the unit holds "
                + held.count(d)
                + " x "
                + d.yen()
                + " yen, more than it and the customer had ("
                + opening.count(d)
                + ")");
      }
    }
    return violations;
  }

  /** Everything in the unit now, by its counts file: every bin. */
  private static CashCounts inUnit(Branch branch) throws Exception {
    CashLedger.Snapshot s = CashLedger.read(branch.cashCountsFile());
    return s.stock()
        .plus(s.depositEscrow())
        .plus(s.dispenseEscrow())
        .plus(s.retracted())
        .plus(s.repaying());
  }

  /** The cash the unit was set up with (its jpos.xml entry's initial counts). */
  private static CashCounts opening(Branch branch) throws Exception {
    Object counts =
        branch
            .devices()
            .entry(SimulatedDevices.CASH_CHANGER)
            .properties()
            .get(CashChangerConfig.INITIAL_COUNTS);
    return CashCounts.parse(String.valueOf(counts), Denomination.YEN);
  }
}
