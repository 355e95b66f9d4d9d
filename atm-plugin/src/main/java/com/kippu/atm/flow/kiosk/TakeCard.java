package com.kippu.atm.flow.kiosk;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.KioskPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.issuing.CardUnit;
import com.kippu.atm.issuing.CardUnitException;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.util.logging.Logger;

/**
 * Once paid, feeds the card from the stocker into the transport and reads its id (S2 ¶24 S30, ¶41:
 * a pre-valued card's id is read at issuance); the customer's own card was read when chosen. The
 * feed is journaled before the stocker moves. A stocker that cannot feed (empty, jammed) ends the
 * session with the payment taken back, nothing sold. Compensation captures a fed card still in the
 * transport into the bin, where it is counted: a card is never left in the transport nor handed out
 * unsold.
 */
final class TakeCard implements Step<PurchaseSession> {
  private static final Logger LOG = Logger.getLogger(TakeCard.class.getName());

  private final CardUnit unit;
  private final IcCard card;
  private final CustomerTerminal customer;

  TakeCard(CardUnit unit, IcCard card, CustomerTerminal customer) {
    this.unit = unit;
    this.card = card;
    this.customer = customer;
  }

  @Override
  public String id() {
    return "take-card";
  }

  @Override
  public Outcome prepare(PurchaseSession session) {
    if (session.kiosk().fromStocker()) {
      session.kiosk().feeding();
    }
    return Outcome.next();
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    KioskPart kiosk = session.kiosk();
    if (!kiosk.fromStocker()) {
      return Outcome.next();
    }
    try {
      unit.feed(kiosk.hopper());
    } catch (CardUnitException e) {
      LOG.warning("session " + session.id() + ": no card fed: " + e.getMessage());
      return notIssued(session, "card-not-issued." + e.reason().name(), e.getMessage());
    }
    try {
      session.card().read(card.readChip());
    } catch (CardException e) {
      LOG.warning("session " + session.id() + ": fed card unreadable: " + e.getMessage());
      return notIssued(session, "card-not-issued.FAULT", e.getMessage());
    }
    return Outcome.next();
  }

  private Outcome notIssued(PurchaseSession session, String why, String detail) {
    customer.inform(
        Screens.notice(
            "card-not-issued",
            Text.of("card-not-issued.title"),
            Text.of(why),
            Text.of("card-not-issued.refund", session.hold().price())));
    return Outcome.cancel("no card issued from the stocker: " + detail);
  }

  @Override
  public void compensate(PurchaseSession session) throws CardUnitException {
    KioskPart kiosk = session.kiosk();
    if (!kiosk.fromStocker() || !kiosk.fed() || kiosk.cardGone() || !unit.cardPresent()) {
      return;
    }
    unit.capture();
    kiosk.captured();
    LOG.info(
        "session "
            + session.id()
            + ": card "
            + session.card().cardId().map(Object::toString).orElse("(unread)")
            + " captured into the bin, not sold");
  }
}
