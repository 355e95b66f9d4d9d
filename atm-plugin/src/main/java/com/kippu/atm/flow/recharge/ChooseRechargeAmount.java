package com.kippu.atm.flow.recharge;

import com.kippu.atm.center.CardValue;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.payment.Money;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen.Choice;
import com.kippu.atm.spi.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Shows the prepaid card's value as the center holds it and lets the customer choose how much to
 * add (S2 ¶45). A card that is not a registered, active prepaid card ends the session before
 * anything is paid.
 */
final class ChooseRechargeAmount implements Step<PurchaseSession> {
  /** The amounts offered, in yen. */
  static final List<Long> AMOUNTS = List.of(1_000L, 3_000L, 5_000L, 10_000L, 20_000L);

  private final IssuerCenter center;
  private final CustomerTerminal customer;
  private final Recharge recharge;

  ChooseRechargeAmount(IssuerCenter center, CustomerTerminal customer, Recharge recharge) {
    this.center = center;
    this.customer = customer;
    this.recharge = recharge;
  }

  @Override
  public String id() {
    return "choose-recharge";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    CardValue value;
    try {
      value = center.cardValue(session.card().requiredCardId());
    } catch (CenterException e) {
      if (!"CARD_UNKNOWN".equals(e.code())) {
        throw e;
      }
      customer.inform(
          Screens.notice(
              "recharge-not-prepaid",
              Text.of("recharge-refused.title"),
              Text.of("recharge-not-prepaid.line", session.card().requiredCardId().value())));
      return Outcome.cancel("card is not a prepaid card");
    }
    if (!value.active()) {
      customer.inform(
          Screens.notice(
              "recharge-not-active",
              Text.of("recharge-refused.title"),
              Text.of("recharge-not-active.line", value.cardId().value())));
      return Outcome.cancel("prepaid card never activated");
    }
    recharge.read(value);
    List<Choice> choices = new ArrayList<>();
    for (long yen : AMOUNTS) {
      choices.add(new Choice(Long.toString(yen), Text.of("recharge.amount", Money.yen(yen))));
    }
    choices.add(Screens.CANCEL);
    Answer answer =
        customer.show(
            Screens.ask(
                "choose-recharge",
                Text.of("choose-recharge.title"),
                List.of(Text.of("choose-recharge.value", value.cardId().value(), value.value())),
                choices));
    for (long yen : AMOUNTS) {
      if (answer.is(Long.toString(yen))) {
        recharge.choose(Money.yen(yen));
        return Outcome.next();
      }
    }
    return Outcome.cancel("customer cancelled the recharge");
  }
}
