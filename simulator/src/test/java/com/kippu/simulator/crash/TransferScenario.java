package com.kippu.simulator.crash;

import com.kippu.atm.flow.pay.TransferPayment;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.simulator.Branch;
import com.kippu.simulator.BranchCards;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Account transfer (flow F5's pay step over ISO 8583 0200): money moves between accounts of the
 * bank host's ledger only, so the ledger's total is conserved, and a payment stands while its
 * movement is APPLIED (not reversed, voided or declined).
 */
final class TransferScenario implements CrashScenario {
  static final String CONCERT = "evt-2026-12-24-dome";

  private final String name;
  private final Branch.Customer customer;
  private final long expectedLoss;
  private final BiFunction<ScriptedCustomer, Branch, ScriptedCustomer> script;
  private final String movementKind;
  private final String ticketMethod;

  private TransferScenario(
      String name,
      Branch.Customer customer,
      long expectedLoss,
      BiFunction<ScriptedCustomer, Branch, ScriptedCustomer> script) {
    this(name, customer, expectedLoss, script, "TRANSFER", "ACCOUNT_TRANSFER");
  }

  private TransferScenario(
      String name,
      Branch.Customer customer,
      long expectedLoss,
      BiFunction<ScriptedCustomer, Branch, ScriptedCustomer> script,
      String movementKind,
      String ticketMethod) {
    this.name = name;
    this.customer = customer;
    this.expectedLoss = expectedLoss;
    this.script = script;
    this.movementKind = movementKind;
    this.ticketMethod = ticketMethod;
  }

  /**
   * A customer buys seat {@code seat} with their debit card, swiped on the reader, and its PIN: the
   * 0100 debit moves money between the same ledger's accounts as a transfer (S2 ¶33-34).
   */
  static TransferScenario debitBuys(String name, String seat) {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    return new TransferScenario(
        name,
        hanako,
        8_800,
        (c, b) ->
            c.on("select-event", CONCERT)
                .on("select-seat", seat)
                .on("choose-payment", "debit")
                .on(
                    "swipe-card",
                    screen -> {
                      BranchCards.swipeAtNextRead(
                          b, BranchCards.of(hanako, AuthorizationRequest.Kind.DEBIT));
                      return Answer.cancel();
                    }),
        "DEBIT",
        "DEBIT_CARD");
  }

  /** A customer with money buys seat {@code seat} (section A, 8,800 yen) by transfer. */
  static TransferScenario buys(String name, String seat) {
    return new TransferScenario(
        name,
        Branch.CUSTOMERS.get(0),
        8_800,
        (c, b) ->
            c.on("select-event", CONCERT)
                .on("select-seat", seat)
                .on("choose-payment", TransferPayment.ID));
  }

  /**
   * A customer with 3,000 yen chooses seat {@code seat}, is declined (51), is sent back to the
   * choice of payment and cancels there.
   */
  static TransferScenario declinedThenCancels(String name, String seat) {
    return new TransferScenario(
        name,
        Branch.CUSTOMERS.get(1),
        0,
        (c, b) ->
            c.on("select-event", CONCERT)
                .on("select-seat", seat)
                .on("choose-payment", TransferPayment.ID)
                .on("choose-payment", "cancel"));
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
    // The customer types the cash card's PIN when the PIN pad asks for it.
    branch.typePinAtNextEntry(Branch.demoPin(customer));
    return script.apply(new ScriptedCustomer(), branch);
  }

  @Override
  public Weighing weigh(Branch branch) {
    return new Weighing(
        branch.bank().ledger().totalBalance(),
        branch.bank().ledger().balance(customer.account()),
        branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT));
  }

  @Override
  public long expectedLoss() {
    return expectedLoss;
  }

  @Override
  public String ticketMethod() {
    return ticketMethod;
  }

  @Override
  public Set<Payment> standingPayments(Path dir) throws Exception {
    return RailRecords.bankMovements(dir, movementKind);
  }
}
