package com.kippu.atm.flow.users;

import com.kippu.atm.card.CardId;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.issuing.CardUnit;
import com.kippu.atm.issuing.CardUnitException;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;

/**
 * Takes a new card from the stocker (S2 ¶24) into the transport and reads its id. An empty stocker
 * ends the session before anything is reissued: the loss stands and the user can have the contents
 * reissued at any kiosk later. A card fed for a session that then ends without a reissue is
 * captured (it goes back to the operator, counted), never handed out blank.
 */
public final class FeedNewCard implements Step<UserSession> {
  private final CardUnit unit;
  private final IcCard card;
  private final CustomerTerminal customer;

  public FeedNewCard(CardUnit unit, IcCard card, CustomerTerminal customer) {
    this.unit = unit;
    this.card = card;
    this.customer = customer;
  }

  @Override
  public String id() {
    return "feed-new-card";
  }

  @Override
  public Outcome prepare(UserSession session) throws CardUnitException {
    if (unit.cardsIn(CardUnit.BLANK_HOPPER) == 0) {
      customer.inform(
          Screens.notice(
              "no-new-card",
              Text.of("no-new-card.title"),
              Text.of("no-new-card.line", session.lostCard().value())));
      return Outcome.cancel("the card stocker is empty; the loss stands, nothing was reissued");
    }
    return Outcome.next();
  }

  @Override
  public Outcome run(UserSession session) throws Exception {
    unit.feed(CardUnit.BLANK_HOPPER);
    CardId fed = card.readChip().cardId();
    session.put(UserSession.NEW_CARD, fed.value());
    return Outcome.next();
  }

  @Override
  public void compensate(UserSession session) throws CardUnitException {
    if (session.get(UserSession.REISSUED).isEmpty() && unit.cardPresent()) {
      unit.capture();
    }
  }
}
