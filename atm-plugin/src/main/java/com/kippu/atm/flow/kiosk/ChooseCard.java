package com.kippu.atm.flow.kiosk;

import com.kippu.atm.card.IcCard;
import com.kippu.atm.center.CardType;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.KioskPart.Source;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.issuing.CardUnit;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen.Choice;
import com.kippu.atm.spi.Text;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the purchase goes (S2 ¶24, ¶41): onto a new card from the stocker, fed once paid, or onto
 * the customer's own IC card, inserted and read now. A stocker that has run out is said before any
 * payment, and only the customer's own card (or a cancel) is offered then; a card type that needs a
 * stocker card (a pre-valued prepaid card) cannot be bought without one where there is a stocker,
 * and where there is none (a home PC) it is the pre-valued card in the reader, sent by the
 * operator.
 */
final class ChooseCard implements Step<PurchaseSession> {
  static final String NEW = "new";
  static final String OWN = "own";

  private final CardUnit unit;
  private final IcCard card;
  private final Hoppers hoppers;
  private final CustomerTerminal customer;
  private final Duration insertTimeout;

  ChooseCard(
      CardUnit unit,
      IcCard card,
      Hoppers hoppers,
      CustomerTerminal customer,
      Duration insertTimeout) {
    this.unit = unit;
    this.card = card;
    this.hoppers = hoppers;
    this.customer = customer;
    this.insertTimeout = insertTimeout;
  }

  @Override
  public String id() {
    return "choose-card";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    CardType type = session.kiosk().cardType().orElseThrow();
    int hopper = hoppers.of(session);
    boolean inserted = unit.cardPresent();
    boolean stocked = unit.hasStocker() && !inserted && unit.cardsIn(hopper) > 0;
    // A pre-valued card comes from the stocker; with none, it is the one the operator sent.
    boolean ownAllowed = type != CardType.PREPAID || !unit.hasStocker();
    List<Text> lines = new ArrayList<>();
    List<Choice> choices = new ArrayList<>();
    if (stocked) {
      choices.add(new Choice(NEW, Text.of("choose-card.new")));
    } else if (unit.hasStocker() && !inserted) {
      lines.add(Text.of("choose-card.empty"));
    }
    if (ownAllowed) {
      choices.add(new Choice(OWN, Text.of(inserted ? "choose-card.inserted" : "choose-card.own")));
    }
    if (choices.isEmpty()) {
      customer.inform(
          Screens.notice(
              "card-sold-out", Text.of("card-sold-out.title"), Text.of("card-sold-out.line")));
      return Outcome.cancel("no card of hopper " + hopper + " left; nothing charged");
    }
    choices.add(Screens.CANCEL);
    lines.add(Text.of("choose-card.line"));
    Answer answer = customer.show(Screens.ask(id(), Text.of("choose-card.title"), lines, choices));
    if (stocked && answer.is(NEW)) {
      session.kiosk().cardFrom(Source.STOCKER, hopper);
      return Outcome.next();
    }
    if (!ownAllowed || !answer.is(OWN)) {
      return Outcome.cancel("customer cancelled at the choice of card");
    }
    if (!inserted) {
      customer.inform(
          Screens.notice("insert-card", Text.of("insert-card.title"), Text.of("insert-card.line")));
      if (!unit.awaitCard(insertTimeout)) {
        return Outcome.cancel("no card inserted");
      }
    }
    session.card().read(card.readChip());
    session.kiosk().cardFrom(Source.OWN, CardUnit.BLANK_HOPPER);
    return Outcome.next();
  }
}
