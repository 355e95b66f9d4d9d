package com.kippu.simulator;

import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import java.util.function.UnaryOperator;

/**
 * A customer buying a commuter pass onto the IC card in the kiosk's slot (F7, S2 ¶26-29), paid by
 * credit card: the railway, line, stations and period of the kiosk's railway, the holder's details
 * as {@code holder} answers them (keyed in, or filled from a registration).
 */
final class PassPurchases {
  private PassPurchases() {}

  /** The holder keyed in on the kiosk's forms. */
  static UnaryOperator<ScriptedCustomer> keyedIn(String name, String phone, String address) {
    return s ->
        s.on("enter-holder-name", screen -> Answer.entered(name))
            .on("enter-holder-phone", screen -> Answer.entered(phone))
            .on("enter-holder-address", screen -> Answer.entered(address));
  }

  /**
   * {@code c} inserts their card and buys the kiosk railway's one-month pass onto it, taking the
   * card back when it is presented. Returns the session (its ticket number is the pass number).
   */
  static SessionOutcome ontoOwnCard(
      DemoRun run, Branch.Customer c, UnaryOperator<ScriptedCustomer> holder) {
    Branch branch = run.branch();
    ScriptedCustomer script =
        holder.apply(
            run.customer()
                .on("choose-card-type", "COMMUTER_PASS")
                .on("select-railway", KioskIssuers.RAILWAY)
                .on("select-line", "京浜本線")
                .on("select-stations", "品川-横浜")
                .on("select-period", KioskIssuers.PASS_1M)
                .on("choose-fare-class", "ADULT")
                .on("choose-first-day", "today")
                .on("confirm-purchase", "confirm")
                .on("choose-card", "own")
                .on("choose-payment", "credit")
                .on(
                    "swipe-card",
                    screen -> {
                      BranchCards.swipeAtNextRead(
                          branch, BranchCards.of(c, AuthorizationRequest.Kind.CREDIT));
                      return Answer.cancel();
                    }));
    run.out().println("  [card] " + c.cardId() + " inserted");
    branch.insertCard(c);
    try {
      return KioskScenarios.session(run, script, new KioskScenarios.Taken());
    } finally {
      branch.removeCard();
    }
  }
}
