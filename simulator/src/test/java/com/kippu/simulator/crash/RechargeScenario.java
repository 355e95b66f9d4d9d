package com.kippu.simulator.crash;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.flow.pay.TransferPayment;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.simulator.Branch;
import com.kippu.simulator.CardValueScenarios;
import java.nio.file.Path;
import java.util.Set;

/**
 * F11 recharge of a prepaid card by account transfer: money leaves Hanako's account for the
 * issuer's, the center records the load, and the value is written into the purse on the card. No
 * ticket is bought; {@link CardValueCrashIntegrationTest} audits it: the bank's total conserved,
 * and what Hanako lost is exactly what the center recorded and what the purse gained (the debit
 * ends in value loaded once, or in its reversal).
 */
final class RechargeScenario implements CrashScenario {
  /** The prepaid card, sold earlier with 5,000 yen in its purse; it names Hanako's account. */
  static final String CARD = "PC-40001";

  static final long START_VALUE = 5_000;
  static final long AMOUNT = 10_000;

  private final String name;

  RechargeScenario(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Branch.Customer customer() {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    return new Branch.Customer(CARD, hanako.name(), hanako.account(), 0);
  }

  @Override
  public String menuEntry() {
    return TicketingPlugin.RECHARGE;
  }

  @Override
  public ScriptedCustomer journey(Branch branch) {
    branch.typePinAtNextEntry(Branch.demoPin(Branch.CUSTOMERS.get(0)));
    return new ScriptedCustomer()
        .on("choose-recharge", Long.toString(AMOUNT))
        .on("choose-payment", TransferPayment.ID);
  }

  @Override
  public Weighing weigh(Branch branch) {
    return new Weighing(
        branch.bank().ledger().totalBalance(),
        branch.bank().ledger().balance(Branch.CUSTOMERS.get(0).account()),
        branch.bank().ledger().balance(CardValueScenarios.PREPAID_ACCOUNT));
  }

  @Override
  public long expectedLoss() {
    return AMOUNT;
  }

  @Override
  public String ticketMethod() {
    return "ACCOUNT_TRANSFER";
  }

  @Override
  public Set<Payment> standingPayments(Path dir) throws Exception {
    return RailRecords.bankMovements(dir, "TRANSFER");
  }

  /** The purse on the card, from its image in {@code branch}. */
  long purse(Branch branch) throws Exception {
    return RailRecords.purseYen(branch.cardFile(customer()));
  }
}
