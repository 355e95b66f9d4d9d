package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.Seat;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.atm.spi.TerminalProfile;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * F13: a home PC's payment the center authorised is taken back through the center when the sale
 * fails after payment: the seat quoted is sold to another terminal while the user pays, the center
 * refuses the purchase, and the 0420 the center sends gives the money back, at the card network for
 * the stored card, at the bank for online banking.
 */
class HomePcPaymentIntegrationTest {
  @TempDir Path dir;

  @Test
  void aStoredCardPaymentWhoseSaleFailsIsReversedAtTheCardNetwork() throws Exception {
    try (Branch branch = homePc()) {
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      BranchCards.PaymentCard credit = BranchCards.of(hanako, AuthorizationRequest.Kind.CREDIT);
      long available = branch.network().available(credit.number());

      SessionOutcome outcome =
          buyASeatSoldMeanwhile(branch, "stored-card", c -> c.on("confirm-stored-card", "confirm"));

      assertEquals(SessionOutcome.Result.CANCELLED, outcome.result(), outcome.detail());
      for (int i = 0; i < 50 && branch.network().available(credit.number()) != available; i++) {
        Thread.sleep(100);
      }
      assertEquals(
          available,
          branch.network().available(credit.number()),
          "the center's 0420 gave the credit line back");
    }
  }

  /** F13 online banking: the transfer the center ordered is taken back at the bank. */
  @Test
  void anOnlineBankingPaymentWhoseSaleFailsIsReversedAtTheBank() throws Exception {
    try (Branch branch = homePc()) {
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      long balance = branch.bank().ledger().balance(hanako.account());

      SessionOutcome outcome =
          buyASeatSoldMeanwhile(
              branch,
              "online-banking",
              c ->
                  c.on(
                      "online-banking-pin",
                      UserScenarios.typesPin(branch, Branch.demoPin(hanako))));

      assertEquals(SessionOutcome.Result.CANCELLED, outcome.result(), outcome.detail());
      for (int i = 0; i < 50 && branch.bank().ledger().balance(hanako.account()) != balance; i++) {
        Thread.sleep(100);
      }
      assertEquals(
          balance,
          branch.bank().ledger().balance(hanako.account()),
          "the center's 0420 at the bank gave her the money back");
    }
  }

  private Branch homePc() throws Exception {
    return Branch.open(
        dir,
        Clock.systemUTC(),
        "home-pc-payment",
        Branch.PRESENT_TIMEOUT,
        TerminalProfile.Kind.HOME_PC);
  }

  /**
   * Hanako buys a seat at home paying by {@code method}; while she chooses how to pay, another
   * terminal buys the same seat, so the center refuses her purchase after she paid.
   */
  private static SessionOutcome buyASeatSoldMeanwhile(
      Branch branch, String method, java.util.function.UnaryOperator<ScriptedCustomer> paying)
      throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    EventSummary concert = branch.plugin().center().events().get(0);
    Seat seat =
        branch.plugin().center().seats(concert.eventId()).stream()
            .filter(s -> s.status() == Seat.Status.AVAILABLE)
            .findFirst()
            .orElseThrow();
    CenterCalls center = new CenterCalls(branch);
    ScriptedCustomer customer =
        paying.apply(
            HomePcScenarios.loggedIn(new ScriptedCustomer())
                .on("select-event", concert.eventId().value())
                .on("select-seat", seat.seatId().value())
                .on("choose-delivery", "card")
                .on(
                    "choose-payment",
                    screen -> {
                      // Another terminal buys the same seat while Hanako chooses how to pay.
                      ObjectNode sale =
                          CenterCalls.JSON
                              .createObjectNode()
                              .put("eventId", concert.eventId().value())
                              .put("cardId", "KC-99999")
                              .put("requestNumber", "OTHER-1");
                      sale.putArray("seatIds").add(seat.seatId().value());
                      sale.putObject("payment")
                          .put("method", "ACCOUNT_TRANSFER")
                          .put("amountYen", seat.price().yen())
                          .put("reference", "OTHER-RRN-1")
                          .put("approvalCode", "A1B2C3")
                          .put("stan", "000123")
                          .put("paidAt", branch.clock().instant().toString())
                          .put("acquirer", "000001");
                      try {
                        // A branch ATM sells it on a transfer; a home PC could not.
                        assertEquals(
                            201,
                            center.asOtherTerminal("ATM00002", "/v1/purchases", sale).status());
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                      return Answer.chose(method);
                    }));
    branch.insertCard(hanako);
    try {
      SessionOutcome outcome = branch.plugin().run(TicketingPlugin.DIRECT_PURCHASE, customer);
      assertTrue(
          customer.screenIds().contains("seat-sold"),
          "the customer was told the seat was sold: " + customer.screenIds());
      return outcome;
    } finally {
      branch.removeCard();
    }
  }
}
