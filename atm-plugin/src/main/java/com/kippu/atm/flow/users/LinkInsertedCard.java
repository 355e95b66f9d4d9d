package com.kippu.atm.flow.users;

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
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.time.Clock;
import java.util.Optional;

/**
 * Links the IC card in the reader to the user (S2 ¶37, ¶40) and writes the user id and card id into
 * it (a HOLDER record of the write-once area). The card proves it is in the terminal by answering
 * the center's challenge with its own key; a card id alone links nothing. No card in the reader,
 * nothing to do.
 */
public final class LinkInsertedCard implements Step<UserSession> {
  private final UserCenter center;
  private final IcCard card;
  private final TicketCard tickets;
  private final CustomerTerminal customer;
  private final Clock clock;

  public LinkInsertedCard(
      UserCenter center, IcCard card, TicketCard tickets, CustomerTerminal customer, Clock clock) {
    this.center = center;
    this.card = card;
    this.tickets = tickets;
    this.customer = customer;
    this.clock = clock;
  }

  @Override
  public String id() {
    return "link-card";
  }

  @Override
  public Outcome run(UserSession session) throws CenterException, CardException {
    Optional<CardId> inserted = inserted();
    if (inserted.isEmpty()) {
      return Outcome.next();
    }
    UserId user = session.draft().orElseThrow().userId();
    CardChallenge challenge = center.challenge(inserted.get());
    center.link(
        user,
        session.pin().orElseThrow(),
        inserted.get(),
        new CardProof(challenge.challengeId(), card.authenticate(challenge.challenge())));
    CardHolder named =
        tickets.writeHolder(
            card,
            inserted.get(),
            new CardHolder(
                user.value(), inserted.get().value(), Optional.empty(), clock.instant()));
    session.put(UserSession.LINKED_CARD, inserted.get().value());
    customer.inform(
        Screens.notice(
            "card-linked",
            Text.of("card-linked.title"),
            Text.of("card-linked.line", inserted.get().value(), named.userId())));
    return Outcome.next();
  }

  private Optional<CardId> inserted() {
    try {
      return Optional.of(card.readChip().cardId());
    } catch (CardException e) {
      return Optional.empty();
    }
  }
}
