package com.kippu.atm.flow.users;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardHolder;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.CardReissue;
import com.kippu.atm.center.UserId;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import java.time.Clock;
import java.util.Optional;

/**
 * Writes the new card (S2 ¶37-40): first the holder record naming the user, the card and the lost
 * card it replaces, then each reissued ticket and commuter pass (to the write-once area). Every
 * write is idempotent (a record already on the card is not appended again), so recovery repeats
 * this after a crash without writing anything twice. A write that fails leaves the session to
 * recovery: the tickets are the card's at the center already.
 */
public final class WriteNewCard implements Step<UserSession> {
  private final IcCard card;
  private final TicketCard tickets;
  private final Clock clock;

  public WriteNewCard(IcCard card, TicketCard tickets, Clock clock) {
    this.card = card;
    this.tickets = tickets;
    this.clock = clock;
  }

  @Override
  public String id() {
    return "write-new-card";
  }

  @Override
  public Outcome run(UserSession session) {
    try {
      write(
          card,
          tickets,
          clock,
          session.requiredUser(),
          session.lostCard(),
          session.reissue().orElseThrow());
    } catch (CardException e) {
      return Outcome.unsettled("the new card was not written: " + e.getMessage());
    }
    session.put(UserSession.NEW_CARD_WRITTEN, true);
    return Outcome.next();
  }

  /** Writes what {@code done} holds onto the card in the reader, which must be its new card. */
  static void write(
      IcCard card, TicketCard tickets, Clock clock, UserId user, CardId lost, CardReissue done)
      throws CardException {
    CardId inReader = card.readChip().cardId();
    if (!inReader.equals(done.newCard())) {
      throw new CardException(
          "card " + inReader + " is in the reader, not the new card " + done.newCard());
    }
    tickets.writeHolder(
        card,
        done.newCard(),
        new CardHolder(
            user.value(), done.newCard().value(), Optional.of(lost.value()), clock.instant()));
    for (CardReissue.Reissued r : done.tickets()) {
      tickets.write(card, done.newCard(), r.ticket().signed());
    }
    for (CardReissue.ReissuedPass p : done.passes()) {
      tickets.writePass(card, done.newCard(), p.pass().signed());
    }
  }
}
