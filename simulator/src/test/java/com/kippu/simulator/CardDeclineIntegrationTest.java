package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.Seat;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Card payments declined on the real branch (MSR and PIN pad from jpos.xml, jPOS over TCP to the
 * bank host and the card network): each decline returns to the choice of method (S2 ¶29, ¶32, ¶34)
 * with its code journaled, and nothing moves.
 */
class CardDeclineIntegrationTest {
  private static final EventId CONCERT = new EventId("evt-2026-12-24-dome");

  @TempDir Path dir;
  private Branch branch;

  @BeforeEach
  void open() throws Exception {
    branch = Branch.open(dir, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    branch.close();
  }

  private ScriptedCustomer swiping(
      String method, BranchCards.PaymentCard card, String seat, int attempts) {
    ScriptedCustomer script =
        new ScriptedCustomer()
            .on("select-event", CONCERT.value())
            .on("select-seat", seat)
            .on("choose-payment", method);
    for (int i = 0; i < attempts; i++) {
      script.on(
          "swipe-card",
          screen -> {
            BranchCards.swipeAtNextRead(branch, card);
            return Answer.cancel();
          });
    }
    return script.on("choose-payment", "cancel");
  }

  private List<String> declines(SessionOutcome outcome) {
    return branch.plugin().journal().entries(new SessionId(outcome.sessionId())).stream()
        .filter(e -> e.state().equals("pay.signal"))
        .map(e -> e.facts().get("declineCode"))
        .toList();
  }

  private SessionOutcome run(Branch.Customer who, ScriptedCustomer script, String pin) {
    branch.insertCard(who);
    branch.typePinAtNextEntry(pin);
    try {
      return branch.plugin().run(TicketingPlugin.RESERVE_PAY_ISSUE, script);
    } finally {
      branch.removeCard();
    }
  }

  private Seat.Status status(String seat) throws Exception {
    return branch.plugin().center().seats(CONCERT).stream()
        .filter(s -> s.seatId().value().equals(seat))
        .findFirst()
        .orElseThrow()
        .status();
  }

  @Test
  void prepaidCardWithTooLittleValueIsDeclined51AndChargedNothing() throws Exception {
    Branch.Customer taro = Branch.CUSTOMERS.get(1);
    BranchCards.PaymentCard prepaid = BranchCards.of(taro, AuthorizationRequest.Kind.PREPAID);
    long before = branch.network().available(prepaid.number());
    ScriptedCustomer script = swiping("prepaid", prepaid, "A-1-1", 1);

    SessionOutcome outcome = run(taro, script, Branch.demoPin(taro));

    assertEquals(SessionOutcome.Result.CANCELLED, outcome.result(), outcome.toString());
    assertEquals(List.of("51"), declines(outcome));
    assertTrue(script.screenIds().contains("payment-declined"), script.screenIds().toString());
    assertEquals(before, branch.network().available(prepaid.number()));
    assertEquals(Seat.Status.AVAILABLE, status("A-1-1"));
  }

  @Test
  void creditCardWhoseIssuerIsDownIsDeclined91() throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    BranchCards.PaymentCard credit = BranchCards.of(hanako, AuthorizationRequest.Kind.CREDIT);
    long before = branch.network().available(credit.number());
    branch.network().issuerUnavailable(true);

    SessionOutcome outcome =
        run(hanako, swiping("credit", credit, "A-1-2", 1), Branch.demoPin(hanako));

    assertEquals(SessionOutcome.Result.CANCELLED, outcome.result(), outcome.toString());
    assertEquals(List.of("91"), declines(outcome));
    assertEquals(before, branch.network().available(credit.number()));
  }

  @Test
  void debitCardWithWrongPinsIsAskedAgainThenBlocked75AndMovesNothing() throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    BranchCards.PaymentCard debit = BranchCards.of(hanako, AuthorizationRequest.Kind.DEBIT);
    long before = branch.bank().ledger().balance(hanako.account());
    String wrong = Branch.demoPin(hanako).equals("0000") ? "1111" : "0000";
    ScriptedCustomer script = swiping("debit", debit, "A-1-3", 3);
    for (int i = 0; i < 2; i++) {
      script.on(
          "wrong-pin",
          screen -> {
            branch.typePinAtNextEntry(wrong);
            return Answer.cancel();
          });
    }

    SessionOutcome outcome = run(hanako, script, wrong);

    assertEquals(SessionOutcome.Result.CANCELLED, outcome.result(), outcome.toString());
    assertEquals(List.of("55", "55", "75"), declines(outcome));
    assertEquals(before, branch.bank().ledger().balance(hanako.account()));
    assertEquals(Seat.Status.AVAILABLE, status("A-1-3"));
  }
}
