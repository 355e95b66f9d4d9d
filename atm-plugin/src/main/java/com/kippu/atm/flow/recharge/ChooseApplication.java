package com.kippu.atm.flow.recharge;

import com.kippu.atm.card.CardApplication;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.center.ApplicationOffer;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen.Choice;
import com.kippu.atm.spi.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Shows what the card already holds (its applications) and the applications issuers offer through
 * the center (S2 ¶21, ¶45), and lets the customer choose one to add.
 */
final class ChooseApplication implements Step<PurchaseSession> {
  private final IcCard card;
  private final IssuerCenter center;
  private final CustomerTerminal customer;
  private final AddApplication add;

  ChooseApplication(
      IcCard card, IssuerCenter center, CustomerTerminal customer, AddApplication add) {
    this.card = card;
    this.center = center;
    this.customer = customer;
    this.add = add;
  }

  @Override
  public String id() {
    return "choose-application";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    add.onCard(card.applications());
    List<ApplicationOffer> offers = center.applications();
    List<Text> lines = new ArrayList<>();
    for (CardApplication a : add.onCard()) {
      lines.add(Text.of("choose-application.installed", a.name(), a.version()));
    }
    if (add.onCard().isEmpty()) {
      lines.add(Text.of("choose-application.none"));
    }
    List<Choice> choices = new ArrayList<>();
    for (ApplicationOffer o : offers) {
      choices.add(new Choice(o.appId(), Text.of("choose-application.offer", o.name(), o.price())));
    }
    choices.add(Screens.CANCEL);
    Answer answer =
        customer.show(
            Screens.ask("choose-application", Text.of("choose-application.title"), lines, choices));
    for (ApplicationOffer o : offers) {
      if (answer.is(o.appId())) {
        add.choose(o.appId());
        return Outcome.next();
      }
    }
    return Outcome.cancel("customer added no application");
  }
}
