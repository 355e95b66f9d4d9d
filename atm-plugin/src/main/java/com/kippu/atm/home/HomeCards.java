package com.kippu.atm.home;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardHolder;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.CardChallenge;
import com.kippu.atm.center.CardProof;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.HomeSession;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.UserCenter;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The card in a home PC's reader is recorded under the user who logged in (F13 with F12, S2 ¶37,
 * ¶40): linked at the center on the card's own answer to a challenge, and the user id and card id
 * written into it, so whatever the user buys onto it at home a later loss report finds. No card in
 * the reader, nothing to do; a refusal (another user's card) is told and the session goes on.
 */
public final class HomeCards {
  private static final Logger LOG = Logger.getLogger(HomeCards.class.getName());

  private final IssuerCenter center;
  private final UserCenter users;
  private final IcCard card;
  private final TicketCard tickets;
  private final Clock clock;

  public HomeCards(
      IssuerCenter center, UserCenter users, IcCard card, TicketCard tickets, Clock clock) {
    this.center = center;
    this.users = users;
    this.card = card;
    this.tickets = tickets;
    this.clock = clock;
  }

  public void record(HomeSession login, CustomerTerminal customer) {
    Optional<CardId> inserted;
    try {
      inserted = Optional.of(card.readChip().cardId());
    } catch (CardException e) {
      inserted = Optional.empty();
    }
    if (inserted.isEmpty()) {
      return;
    }
    CardId id = inserted.get();
    try {
      CardChallenge challenge = users.challenge(id);
      center.homeLinkCard(
          login,
          id,
          new CardProof(challenge.challengeId(), card.authenticate(challenge.challenge())));
      tickets.writeHolder(
          card, id, new CardHolder(login.userId(), id.value(), Optional.empty(), clock.instant()));
    } catch (CenterException | CardException e) {
      LOG.info("card " + id + " not recorded under the home user: " + e.getMessage());
      customer.inform(
          Screens.notice(
              "card-not-recorded",
              Text.of("card-not-recorded.title"),
              Text.of("card-not-recorded.line", id.value(), e.getMessage())));
      return;
    }
    customer.inform(
        Screens.notice(
            "card-linked",
            Text.of("card-linked.title"),
            Text.of("card-linked.line", id.value(), login.userId())));
  }
}
