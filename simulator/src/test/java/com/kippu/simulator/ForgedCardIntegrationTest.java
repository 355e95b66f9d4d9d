package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.devices.ChipData;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone writes a victim's account number into an IC card image of their own and buys a ticket at
 * the branch: the account transfer asks for the PIN of the victim's cash card, which they do not
 * know, so the bank declines and the victim's money stays where it is.
 */
class ForgedCardIntegrationTest {
  private static final Branch.Customer VICTIM = Branch.CUSTOMERS.get(0);
  private static final Branch.Customer FORGER =
      new Branch.Customer("KC-66666", "Mallory", VICTIM.account(), 0);

  @TempDir Path dir;
  private Branch branch;

  @BeforeEach
  void open() throws Exception {
    branch = Branch.open(dir, Clock.systemUTC());
    branch.personaliseCard(
        branch.cardFile(FORGER),
        new ChipData(FORGER.cardId(), FORGER.name(), VICTIM.account().value(), 0));
  }

  @AfterEach
  void close() {
    branch.close();
  }

  /** The forger tries another guess when told the PIN is wrong. */
  private Answer guessAgain(String guess) {
    branch.typePinAtNextEntry(guess);
    return Answer.cancel();
  }

  @Test
  void accountWrittenIntoACardWithoutItsPinMovesNoMoney() throws Exception {
    long victimBefore = branch.bank().ledger().balance(VICTIM.account());
    long issuerBefore = branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT);
    String guess = Branch.demoPin(VICTIM).equals("0000") ? "1111" : "0000";
    ScriptedCustomer forger =
        new ScriptedCustomer()
            .on("select-event", "evt-2026-12-24-dome")
            .on("select-seat", "A-4-4")
            .on("choose-payment", "transfer")
            .on("wrong-pin", screen -> guessAgain(guess))
            .on("wrong-pin", screen -> guessAgain(guess))
            .on("choose-payment", "cancel");

    branch.insertCard(FORGER);
    branch.typePinAtNextEntry(guess);
    SessionOutcome outcome;
    try {
      outcome = branch.plugin().run(TicketingPlugin.RESERVE_PAY_ISSUE, forger);
    } finally {
      branch.removeCard();
    }

    assertEquals(SessionOutcome.Result.CANCELLED, outcome.result(), outcome.toString());
    assertTrue(forger.screenIds().contains("payment-declined"), forger.screenIds().toString());
    List<JournalEntry> journal =
        branch.plugin().journal().entries(new SessionId(outcome.sessionId()));
    List<String> declines =
        journal.stream()
            .filter(e -> e.state().equals("pay.signal"))
            .map(e -> e.facts().get("declineCode"))
            .toList();
    assertEquals(List.of("55", "55", "75"), declines, "declined for the PIN, then blocked");
    assertEquals(victimBefore, branch.bank().ledger().balance(VICTIM.account()));
    assertEquals(issuerBefore, branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT));
  }
}
