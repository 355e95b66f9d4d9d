package com.kippu.atm.flow.kiosk;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.UserCenter;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.time.Clock;

/**
 * The card issued to a signed-in registered user is recorded under the user (S2 ¶37, ¶40; {@link
 * LinkUserCard}): linked at the center, the card proving it is in the terminal, so a later loss
 * report finds it; and the user id and card id written into it. The sale is done already: a refusal
 * (a card of another user's) is told and leaves the card as sold. In a session restored after a
 * restart the center's grant of the sign-in stands in for the PIN, which is never kept.
 */
final class RecordUserCard implements Step<PurchaseSession> {
  private final LinkUserCard linker;
  private final CustomerTerminal customer;

  RecordUserCard(
      UserCenter center, IcCard card, TicketCard tickets, CustomerTerminal customer, Clock clock) {
    this.linker = new LinkUserCard(center, card, tickets, clock);
    this.customer = customer;
  }

  @Override
  public String id() {
    return "record-user-card";
  }

  @Override
  public Outcome run(PurchaseSession session) {
    try {
      if (!linker.link(session)) {
        return Outcome.next();
      }
    } catch (CenterException | CardException e) {
      customer.inform(
          Screens.notice(
              "card-not-recorded",
              Text.of("card-not-recorded.title"),
              Text.of(
                  "card-not-recorded.line",
                  session.card().requiredCardId().value(),
                  e.getMessage())));
      return Outcome.next();
    }
    customer.inform(
        Screens.notice(
            "card-linked",
            Text.of("card-linked.title"),
            Text.of(
                "card-linked.line",
                session.card().requiredCardId().value(),
                session.kiosk().user().user().orElseThrow().value())));
    return Outcome.next();
  }
}
