package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.card.CardId;
import com.kippu.atm.center.PendingLoad;
import com.kippu.atm.recovery.PurchaseRecovery;
import com.kippu.atm.spi.ScriptedCustomer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * F11 recharge and a power loss after the customer paid, before the center added the value: the
 * next start recharges the card once under the journaled payment proof (without the card in the
 * reader, as a pending load the card takes at its next insertion); if the card's day limit was
 * reached meanwhile (another terminal), the center refuses and the transfer is reversed at the real
 * bank host. Every debit ends in value on the card or in a reversal.
 */
class RechargeRestartIntegrationTest {
  private static final String CARD = "PC-30001";

  @TempDir Path dir;

  /** Stands for the power failing: nothing after it runs, the journal stays open. */
  private static final class PowerLoss extends Error {
    private static final long serialVersionUID = 1L;
  }

  private static void payThenLosePower(Branch branch, Branch.Customer card, String amount) {
    ScriptedCustomer customer =
        new ScriptedCustomer()
            .on("choose-recharge", amount)
            .on("choose-payment", "transfer")
            .on(
                "recharging",
                screen -> {
                  throw new PowerLoss();
                });
    branch.insertCard(card);
    branch.typePinAtNextEntry(Branch.demoPin(Branch.CUSTOMERS.get(0)));
    assertThrows(PowerLoss.class, () -> branch.plugin().run(TicketingPlugin.RECHARGE, customer));
    branch.removeCard();
  }

  private static long value(Branch branch) throws Exception {
    return CardValueScenarios.valueAtCenter(branch, CARD);
  }

  private static List<PurchaseRecovery.Recovered> recovered(Branch branch) {
    return branch.plugin().recover();
  }

  @Test
  void aPaidRechargeIsAddedOnceAtTheNextStart() throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    try (Branch branch = Branch.open(dir, Clock.systemUTC())) {
      Branch.Customer card = CardValueScenarios.prepaidCard(branch, CARD);
      payThenLosePower(branch, card, "10000");
      assertEquals(hanako.openingYen() - 10_000, branch.bank().ledger().balance(hanako.account()));
      assertEquals(5_000, value(branch), "paid, not yet added");
      assertEquals(1, branch.plugin().journal().openSessions().size());
    }
    try (Branch restarted = Branch.open(dir, Clock.systemUTC())) {
      // Recorded at the center at start; without its card the session ends, the value a pending
      // load the center keeps for the card's next insertion at any terminal.
      assertEquals(15_000, value(restarted), "the value recorded by recovery");
      assertTrue(restarted.plugin().journal().openSessions().isEmpty(), "nothing waits here");
      assertEquals(1, pendingLoads(restarted).size(), "a pending load at the center");
      Branch.Customer card = cardOf();
      assertEquals(5_000, purse(restarted, card), "nothing on the chip without the card");
      restarted.insertCard(card);
      List<PurchaseRecovery.Recovered> r = recovered(restarted);
      restarted.removeCard();
      assertTrue(r.isEmpty(), r.toString());
      assertEquals(15_000, purse(restarted, card), "the value written onto the chip");
      assertTrue(pendingLoads(restarted).isEmpty(), "reported loaded");
      assertEquals(
          hanako.openingYen() - 10_000, restarted.bank().ledger().balance(hanako.account()));
      assertEquals(10_000, restarted.bank().ledger().balance(CardValueScenarios.PREPAID_ACCOUNT));
      restarted.insertCard(card);
      assertTrue(recovered(restarted).isEmpty(), "nothing left to recover");
      restarted.removeCard();
    }
    try (Branch again = Branch.open(dir, Clock.systemUTC())) {
      assertEquals(15_000, value(again), "a second start adds nothing");
      assertEquals(15_000, purse(again, cardOf()), "and loads nothing twice");
    }
  }

  private static List<PendingLoad> pendingLoads(Branch branch) throws Exception {
    return branch.plugin().center().pendingLoads(new CardId(CARD));
  }

  private static Branch.Customer cardOf() {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    return new Branch.Customer(CARD, hanako.name(), hanako.account(), 0);
  }

  /** The e-money in the purse on {@code card}'s chip. */
  private static long purse(Branch branch, Branch.Customer card) throws Exception {
    return UserScenarios.purseOf(branch.cardFile(card));
  }

  @Test
  void aPaidRechargeRefusedAtTheNextStartIsReversed() throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    try (Branch branch = Branch.open(dir, Clock.systemUTC())) {
      Branch.Customer card = CardValueScenarios.prepaidCard(branch, CARD);
      payThenLosePower(branch, card, "20000");
      // While the terminal is off another terminal fills the card's day (30,000 yen).
      ObjectNode other = CenterCalls.JSON.createObjectNode();
      other
          .putObject("payment")
          .put("method", "CREDIT_CARD")
          .put("amountYen", 30_000)
          .put("reference", "OTHER-TERMINAL-1")
          .put("approvalCode", "A00002")
          .put("stan", "000002")
          .put("paidAt", branch.clock().instant().toString())
          .put("acquirer", "CARD-NETWORK")
          .putObject("details")
          .put("maskedCard", "411111******2222");
      assertEquals(
          200,
          new CenterCalls(branch)
              .asTerminal("/v1/prepaid-cards/" + CARD + "/recharge", other)
              .status());
    }
    try (Branch restarted = Branch.open(dir, Clock.systemUTC())) {
      assertEquals(35_000, value(restarted), "only the other terminal's recharge");
      for (int i = 0;
          i < 50 && restarted.bank().ledger().balance(hanako.account()) != hanako.openingYen();
          i++) {
        Thread.sleep(100);
      }
      assertEquals(
          hanako.openingYen(),
          restarted.bank().ledger().balance(hanako.account()),
          "the transfer was reversed at the bank host");
      assertEquals(0, restarted.bank().ledger().balance(CardValueScenarios.PREPAID_ACCOUNT));
    }
  }
}
