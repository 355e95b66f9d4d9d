package com.kippu.atm.flow.kiosk;

import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Signal;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen.Choice;
import com.kippu.atm.spi.Text;
import java.util.List;

/**
 * The confirmation screen (S2 ¶23, Fig. 7(a), S14): what the card will hold and its price. The
 * customer confirms, chooses again ({@link Signal#CONDITIONS_CHANGED}) or cancels.
 */
final class ConfirmPurchase implements Step<PurchaseSession> {
  static final String CONFIRM = "confirm";
  static final String CHANGE = "change";

  private final Summaries summaries;
  private final CustomerTerminal customer;

  ConfirmPurchase(Summaries summaries, CustomerTerminal customer) {
    this.summaries = summaries;
    this.customer = customer;
  }

  @Override
  public String id() {
    return "confirm-purchase";
  }

  @Override
  public Outcome run(PurchaseSession session) {
    Answer answer =
        customer.show(
            Screens.ask(
                id(),
                Text.of("confirm-purchase.title"),
                summaries.of(session),
                List.of(
                    new Choice(CONFIRM, Text.of("confirm-purchase.confirm")),
                    new Choice(CHANGE, Text.of("confirm-purchase.change")),
                    Screens.CANCEL)));
    if (answer.is(CONFIRM)) {
      return Outcome.next();
    }
    if (answer.is(CHANGE)) {
      return Outcome.signal(Signal.CONDITIONS_CHANGED, "customer chooses again");
    }
    return Outcome.cancel("customer cancelled at confirmation");
  }
}
