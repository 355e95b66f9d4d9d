package com.kippu.atm.flow.kiosk;

import com.kippu.atm.center.CardType;
import com.kippu.atm.center.KioskCenter;
import com.kippu.atm.center.KioskCenter.CardTypeOffer;
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
import java.util.Optional;
import java.util.Set;

/**
 * The card type menu (S2 ¶22, Fig. 6, S10): event ticket, commuter pass, prepaid card, each with
 * what is on sale under it. Only the types this terminal can issue and that have offers are
 * choices. Where registered users may sign in, a registered user may do so here, so the card is
 * recorded under their user id (S2 ¶40) whatever its type.
 */
final class ChooseCardType implements Step<PurchaseSession> {
  private final KioskCenter center;
  private final Set<CardType> issuable;
  private final CustomerTerminal customer;
  private final Optional<KioskSignIn> signIn;

  ChooseCardType(
      KioskCenter center,
      Set<CardType> issuable,
      CustomerTerminal customer,
      Optional<KioskSignIn> signIn) {
    this.center = center;
    this.issuable = Set.copyOf(issuable);
    this.customer = customer;
    this.signIn = signIn;
  }

  @Override
  public String id() {
    return "choose-card-type";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    List<CardTypeOffer> offers =
        center.cardTypes().stream()
            .filter(o -> issuable.contains(o.cardType()) && o.offers() > 0)
            .toList();
    if (offers.isEmpty()) {
      customer.inform(
          Screens.notice(
              "nothing-on-sale",
              Text.of("nothing-on-sale.title"),
              Text.of("nothing-on-sale.line")));
      return Outcome.cancel("no card type on sale at this terminal");
    }
    while (true) {
      Answer answer = ask(offers, session);
      if (answer.is(EnterPassDetails.SIGN_IN) && signIn.isPresent()) {
        // S2 ¶40: a registered user may have the card recorded under their user id.
        if (!signIn.get().signIn(session)) {
          return Outcome.cancel("the registered user did not sign in");
        }
        continue;
      }
      return offers.stream()
          .map(CardTypeOffer::cardType)
          .filter(t -> answer.is(t.name()))
          .findFirst()
          .map(
              t -> {
                session.kiosk().chooseType(t);
                return Outcome.next();
              })
          .orElseGet(() -> Outcome.cancel("customer cancelled at card type"));
    }
  }

  /** The card types on sale, and signing in while nobody has. */
  private Answer ask(List<CardTypeOffer> offers, PurchaseSession session) {
    List<Choice> choices = new ArrayList<>();
    for (CardTypeOffer o : offers) {
      choices.add(
          new Choice(
              o.cardType().name(),
              Text.of(
                  "card-type.choice", Text.of("card-type." + o.cardType().name()), o.offers())));
    }
    if (signIn.isPresent() && session.kiosk().user().user().isEmpty()) {
      choices.add(new Choice(EnterPassDetails.SIGN_IN, Text.of("choose-card-type.sign-in")));
    }
    choices.add(Screens.CANCEL);
    return customer.show(
        Screens.ask(
            id(),
            Text.of("choose-card-type.title"),
            List.of(Text.of("choose-card-type.line")),
            choices));
  }
}
