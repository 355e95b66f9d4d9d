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
import com.kippu.atm.flow.pay.PurseLoad;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.Purse;
import java.time.Clock;
import java.util.Optional;

/**
 * Writes the new card (S2 ¶37-40): first the holder record naming the user, the card and the lost
 * card it replaces, then each reissued ticket and commuter pass (to the write-once area), then the
 * lost card's value into the new purse. Every write is idempotent (a record already on the card is
 * not appended again), so recovery repeats this after a crash without writing anything twice. A
 * write that fails leaves the session to recovery: the tickets are the card's at the center
 * already.
 */
public final class WriteNewCard implements Step<UserSession> {
  private final IcCard card;
  private final TicketCard tickets;
  private final Clock clock;
  private final Optional<PurseLoad> purse;

  public WriteNewCard(IcCard card, TicketCard tickets, Clock clock, Optional<PurseLoad> purse) {
    this.card = card;
    this.tickets = tickets;
    this.clock = clock;
    this.purse = purse;
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
          session.reissue().orElseThrow(),
          purse);
    } catch (CardException e) {
      return Outcome.unsettled("the new card was not written: " + e.getMessage());
    }
    session.put(UserSession.NEW_CARD_WRITTEN, true);
    return Outcome.next();
  }

  /**
   * Writes what {@code done} holds onto the card in the reader, which must be its new card: the
   * holder, the tickets, and the lost card's value into the new card's purse, once (the load is
   * named by the lost card, which is reissued once).
   */
  static void write(
      IcCard card,
      TicketCard tickets,
      Clock clock,
      UserId user,
      CardId lost,
      CardReissue done,
      Optional<PurseLoad> purse)
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
    if (done.valueYen() > 0) {
      loadValue(purse, lost, done);
    }
  }

  private static void loadValue(Optional<PurseLoad> purse, CardId lost, CardReissue done)
      throws CardException {
    if (purse.isEmpty()) {
      throw new CardException(
          "no e-money reader/writer to put " + done.valueYen() + " yen onto " + done.newCard());
    }
    try {
      if (purse.get().load(done.newCard(), Money.yen(done.valueYen()), loadId(lost))
          != PurseLoad.Result.LOADED) {
        throw new CardException("the purse of new card " + done.newCard() + " cannot be reached");
      }
    } catch (Purse.PurseException e) {
      throw new CardException("the purse of new card " + done.newCard() + ": " + e.getMessage(), e);
    }
  }

  /** The purse transaction the lost card's value is loaded under onto its new card. */
  static String loadId(CardId lost) {
    return "reissue-" + lost.value();
  }
}
