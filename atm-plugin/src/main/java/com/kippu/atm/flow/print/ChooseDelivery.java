package com.kippu.atm.flow.print;

import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.parts.TicketPart.Delivery;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen.Choice;
import com.kippu.atm.spi.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * The customer chooses how to take the ticket (S1 ¶62 printed, ¶64-79 on the card); a terminal
 * without a ticket printer offers the card only.
 */
public final class ChooseDelivery implements Step<PurchaseSession> {
  private final CustomerTerminal customer;
  private final boolean printer;

  public ChooseDelivery(CustomerTerminal customer, boolean printer) {
    this.customer = customer;
    this.printer = printer;
  }

  @Override
  public String id() {
    return "choose-delivery";
  }

  @Override
  public Outcome run(PurchaseSession session) {
    List<Choice> choices = new ArrayList<>();
    choices.add(new Choice(Delivery.CARD.id(), Text.of("choose-delivery.card")));
    if (printer) {
      choices.add(new Choice(Delivery.PRINT.id(), Text.of("choose-delivery.print")));
    }
    choices.add(Screens.CANCEL);
    Answer answer =
        customer.show(
            Screens.ask(
                "choose-delivery",
                Text.of("choose-delivery.title"),
                List.of(Text.of("choose-delivery.line")),
                choices));
    for (Delivery d : Delivery.values()) {
      if (answer.is(d.id()) && (d == Delivery.CARD || printer)) {
        session.ticket().deliverBy(d);
        return Outcome.next();
      }
    }
    return Outcome.cancel("customer cancelled at the choice of delivery");
  }
}
