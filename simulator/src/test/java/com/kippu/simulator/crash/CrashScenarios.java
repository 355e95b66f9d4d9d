package com.kippu.simulator.crash;

import com.kippu.atm.payment.AuthorizationRequest;
import java.util.List;

/** The table of scenarios the crash sweep runs: one or more entries per payment method. */
final class CrashScenarios {
  static final List<CrashScenario> ALL =
      List.of(
          TransferScenario.buys("transfer", "A-1-1"),
          TransferScenario.declinedThenCancels("transfer-declined", "A-1-2"),
          TransferScenario.debitBuys("debit", "A-1-3"),
          CardNetworkScenario.buys("credit", AuthorizationRequest.Kind.CREDIT, "A-1-4"),
          CardNetworkScenario.buys("prepaid", AuthorizationRequest.Kind.PREPAID, "A-1-5"),
          EMoneyScenario.buys("emoney", "A-1-6"),
          EMoneyScenario.holdCancelledWhilePaying("emoney-refunded", "A-1-9"),
          CashScenario.buys("cash", "A-1-7"),
          CashScenario.insertsThenCancels("cash-cancel", "A-1-8"));

  /**
   * Scenarios that buy no ticket, audited by a test of their own rather than by the ticket audit of
   * {@link CrashSweepIntegrationTest} ({@link CardValueCrashIntegrationTest}): the recharge of a
   * card's value and an application added to a card (F11).
   */
  static final List<CrashScenario> CARD_VALUE =
      List.of(new RechargeScenario("recharge"), new AddFunctionScenario("add-function"));

  /**
   * Scenarios on a home PC (F13), audited by {@link HomeBankingCrashIntegrationTest} on a home PC
   * branch of their own: online banking ordered through the center.
   */
  static final List<CrashScenario> HOME_PC = List.of(new HomeBankingScenario("home-banking"));

  private CrashScenarios() {}

  /** The scenario named {@code name}. */
  static CrashScenario named(String name) {
    return java.util.stream.Stream.of(ALL, CARD_VALUE, HOME_PC)
        .flatMap(List::stream)
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no crash scenario named " + name));
  }
}
