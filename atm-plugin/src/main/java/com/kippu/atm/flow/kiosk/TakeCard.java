package com.kippu.atm.flow.kiosk;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.center.CardType;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.PrepaidCardState;
import com.kippu.atm.center.ProductQuote;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.KioskPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.issuing.CardUnit;
import com.kippu.atm.issuing.CardUnitException;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Once paid, feeds the card from the stocker into the transport and reads its id (S2 ¶24 S30, ¶41:
 * a pre-valued card's id is read at issuance, and its issuer must know it as an unsold card of the
 * product, carrying its value); the customer's own card was read when chosen. The feed is journaled
 * before the stocker moves. A stocker that cannot feed (empty, jammed) ends the session with the
 * payment taken back, nothing sold. Compensation captures a fed card still in the transport into
 * the bin, where it is counted: a card is never left in the transport nor handed out unsold.
 */
final class TakeCard implements Step<PurchaseSession> {
  private static final Logger LOG = Logger.getLogger(TakeCard.class.getName());

  /** Pre-valued cards tried before the hopper is given up (each unusable one is captured). */
  static final int PREPAID_TRIES = 3;

  private final CardUnit unit;
  private final IcCard card;
  private final IssuerCenter center;
  private final CustomerTerminal customer;

  TakeCard(CardUnit unit, IcCard card, IssuerCenter center, CustomerTerminal customer) {
    this.unit = unit;
    this.card = card;
    this.center = center;
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
    for (int attempt = 1; ; attempt++) {
      try {
        unit.feed(kiosk.hopper());
      } catch (CardUnitException e) {
        LOG.warning("session " + session.id() + ": no card fed: " + e.getMessage());
        return notIssued(session, "card-not-issued." + e.reason().name(), e.getMessage());
      }
      ChipData chip;
      try {
        chip = card.readChip();
      } catch (CardException e) {
        LOG.warning("session " + session.id() + ": fed card unreadable: " + e.getMessage());
        return notIssued(session, "card-not-issued.FAULT", e.getMessage());
      }
      session.card().read(chip);
      if (!kiosk.is(CardType.PREPAID)) {
        return Outcome.next();
      }
      Optional<String> unusable = unsold(session, chip);
      if (unusable.isEmpty()) {
        return Outcome.next();
      }
      // Not a card to sell (already active, another product's, another value): never handed
      // out; it goes to the bin for the issuer to look into, and the next card is tried.
      LOG.severe(
          "session "
              + session.id()
              + ": pre-valued card "
              + chip.cardId()
              + " in hopper "
              + kiosk.hopper()
              + " "
              + unusable.get()
              + "; captured");
      unit.capture();
      if (attempt == PREPAID_TRIES) {
        return notIssued(session, "card-not-issued.FAULT", "no sellable card in the hopper");
      }
    }
  }

  /**
   * Why the pre-valued card just fed cannot be sold (S2 ¶41, ¶43): its issuer must know its id as
   * an unsold card of the product bought, and its chip must carry the product's value.
   */
  private Optional<String> unsold(PurchaseSession session, ChipData chip) {
    ProductQuote quote = session.hold().productQuote().orElseThrow();
    Optional<PrepaidCardState> state;
    try {
      state = center.prepaidCard(chip.cardId());
    } catch (CenterException e) {
      return Optional.of("cannot be checked with its issuer: " + e.getMessage());
    }
    if (state.isEmpty()) {
      return Optional.of("is unknown to its issuer");
    }
    if (state.get().active()) {
      return Optional.of("is already active");
    }
    if (!state.get().productId().equals(quote.productId())) {
      return Optional.of("is of product " + state.get().productId());
    }
    if (chip.emoneyYen() != quote.value().yen()) {
      return Optional.of("carries " + chip.emoneyYen() + " yen, not " + quote.value().yen());
    }
    return Optional.empty();
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
