package com.kippu.atm.flow.kiosk;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardHolder;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.CardChallenge;
import com.kippu.atm.center.CardProof;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.UserCenter;
import com.kippu.atm.center.UserId;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.parts.RegisteredPart;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.time.Clock;
import java.util.Optional;

/**
 * The card issued to a signed-in registered user is recorded under the user (S2 ¶37, ¶40): linked
 * at the center, the card proving it is in the terminal by answering the center's challenge with
 * its own key, so a later loss report finds it; and the user id and card id written into it (a
 * HOLDER record). The sale is done already: a refusal (a card of another user's) is told and leaves
 * the card as sold. No signed-in user, or a session restored after a restart (the PIN is never
 * kept), nothing to do.
 */
final class RecordUserCard implements Step<PurchaseSession> {
  private final UserCenter center;
  private final IcCard card;
  private final TicketCard tickets;
  private final CustomerTerminal customer;
  private final Clock clock;

  RecordUserCard(
      UserCenter center, IcCard card, TicketCard tickets, CustomerTerminal customer, Clock clock) {
    this.center = center;
    this.card = card;
    this.tickets = tickets;
    this.customer = customer;
    this.clock = clock;
  }

  @Override
  public String id() {
    return "record-user-card";
  }

  @Override
  public Outcome run(PurchaseSession session) {
    RegisteredPart registered = session.kiosk().user();
    Optional<UserId> user = registered.user();
    if (user.isEmpty() || registered.pin().isEmpty() || registered.isCardRecorded()) {
      return Outcome.next();
    }
    CardId cardId = session.card().requiredCardId();
    try {
      CardChallenge challenge = center.challenge(cardId);
      center.link(
          user.get(),
          registered.pin().get(),
          cardId,
          new CardProof(challenge.challengeId(), card.authenticate(challenge.challenge())));
      tickets.writeHolder(
          card,
          cardId,
          new CardHolder(user.get().value(), cardId.value(), Optional.empty(), clock.instant()));
    } catch (CenterException | CardException e) {
      customer.inform(
          Screens.notice(
              "card-not-recorded",
              Text.of("card-not-recorded.title"),
              Text.of("card-not-recorded.line", cardId.value(), e.getMessage())));
      return Outcome.next();
    }
    registered.cardRecorded();
    customer.inform(
        Screens.notice(
            "card-linked",
            Text.of("card-linked.title"),
            Text.of("card-linked.line", cardId.value(), user.get().value())));
    return Outcome.next();
  }
}
