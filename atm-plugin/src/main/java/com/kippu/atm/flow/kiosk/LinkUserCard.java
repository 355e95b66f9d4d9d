package com.kippu.atm.flow.kiosk;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardHolder;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.RecordType;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.CardChallenge;
import com.kippu.atm.center.CardProof;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.UserCenter;
import com.kippu.atm.center.UserId;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.parts.RegisteredPart;
import java.time.Clock;
import java.util.Optional;

/**
 * Records the card in the terminal under the user signed in to its purchase (S2 ¶37, ¶40): linked
 * at the center, the card answering the center's challenge with its own key, the user proven by the
 * PIN or, once the session was restored after a restart (the PIN is never kept), by the center's
 * journaled grant of the sign-in on this terminal; then the user id and card id written into the
 * card (a HOLDER record, once). Both halves may run again: the center answers a repeat link of the
 * same card, and a card that holds a HOLDER record gets no second one.
 */
public final class LinkUserCard {
  private final UserCenter center;
  private final IcCard card;
  private final TicketCard tickets;
  private final Clock clock;

  public LinkUserCard(UserCenter center, IcCard card, TicketCard tickets, Clock clock) {
    this.center = center;
    this.card = card;
    this.tickets = tickets;
    this.clock = clock;
  }

  /**
   * Records the session's card under its signed-in user; false when there is nothing to do (no user
   * signed in, no PIN nor grant, or recorded already).
   */
  public boolean link(PurchaseSession session) throws CenterException, CardException {
    RegisteredPart registered = session.kiosk().user();
    Optional<UserId> user = registered.user();
    if (user.isEmpty()
        || registered.isCardRecorded()
        || (registered.pin().isEmpty() && registered.signIn().isEmpty())) {
      return false;
    }
    CardId cardId = session.card().requiredCardId();
    CardChallenge challenge = center.challenge(cardId);
    CardProof proof =
        new CardProof(challenge.challengeId(), card.authenticate(challenge.challenge()));
    if (registered.pin().isPresent()) {
      center.link(user.get(), registered.pin().get(), cardId, proof);
    } else {
      center.linkSignedIn(user.get(), registered.signIn().get(), cardId, proof);
    }
    boolean holderWritten =
        tickets.read(card, cardId).stream().anyMatch(r -> r.type() == RecordType.HOLDER);
    if (!holderWritten) {
      tickets.writeHolder(
          card,
          cardId,
          new CardHolder(user.get().value(), cardId.value(), Optional.empty(), clock.instant()));
    }
    registered.cardRecorded();
    return true;
  }
}
