package com.kippu.simulator.crash;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.flow.pay.TransferPayment;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.simulator.Branch;
import com.kippu.simulator.CardValueScenarios;
import java.nio.file.Path;
import java.util.Set;

/**
 * F11 add a function: Hanako pays the points issuer's application (500 yen) by transfer and it is
 * installed on her IC card. No ticket is bought; {@link CardValueCrashIntegrationTest} audits it:
 * the bank's total conserved, what Hanako lost is what the issuer gained, and she lost 500 exactly
 * when the application is on her card.
 */
final class AddFunctionScenario implements CrashScenario {
  static final long PRICE = 500;

  /** The application as the journal and the card name it. */
  static final String APPLICATION = "F0000000010001:1";

  private final String name;

  AddFunctionScenario(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Branch.Customer customer() {
    return Branch.CUSTOMERS.get(0);
  }

  @Override
  public String menuEntry() {
    return TicketingPlugin.ADD_FUNCTION;
  }

  @Override
  public ScriptedCustomer journey(Branch branch) {
    branch.typePinAtNextEntry(Branch.demoPin(customer()));
    return new ScriptedCustomer()
        .on("choose-application", "points")
        .on("choose-payment", TransferPayment.ID);
  }

  @Override
  public Weighing weigh(Branch branch) {
    return new Weighing(
        branch.bank().ledger().totalBalance(),
        branch.bank().ledger().balance(customer().account()),
        branch.bank().ledger().balance(CardValueScenarios.PREPAID_ACCOUNT));
  }

  @Override
  public long expectedLoss() {
    return PRICE;
  }

  @Override
  public String ticketMethod() {
    return "ACCOUNT_TRANSFER";
  }

  @Override
  public Set<Payment> standingPayments(Path dir) throws Exception {
    return RailRecords.bankMovements(dir, "TRANSFER");
  }

  /** Whether the application is on Hanako's card, read with the card in the reader. */
  boolean installed(Branch branch) throws Exception {
    branch.insertCard(customer());
    try {
      return branch.plugin().card().applications().stream()
          .anyMatch(a -> (a.aidHex() + ":" + a.version()).equals(APPLICATION));
    } finally {
      branch.removeCard();
    }
  }
}
