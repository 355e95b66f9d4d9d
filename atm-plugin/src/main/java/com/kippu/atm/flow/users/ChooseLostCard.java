package com.kippu.atm.flow.users;

import com.kippu.atm.center.UserRecall;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen.Choice;
import com.kippu.atm.spi.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The user chooses the card that was lost or stolen (S2 ¶38) among the cards linked to them: one
 * still valid, or one reported lost earlier whose contents were not reissued yet (the stocker was
 * empty, or the kiosk failed), with how many valid tickets each holds.
 */
public final class ChooseLostCard implements Step<UserSession> {
  private final CustomerTerminal customer;

  public ChooseLostCard(CustomerTerminal customer) {
    this.customer = customer;
  }

  @Override
  public String id() {
    return "choose-lost-card";
  }

  @Override
  public Outcome run(UserSession session) {
    UserRecall recall = session.recall().orElseThrow();
    List<Choice> choices = new ArrayList<>();
    List<Text> lines = new ArrayList<>();
    List<UserRecall.UserCard> offered = new ArrayList<>();
    for (UserRecall.UserCard c : recall.cards()) {
      if (c.reissuedOnto().isPresent()) {
        continue;
      }
      offered.add(c);
      long tickets =
          recall.purchases().stream()
              .filter(p -> p.cardId().equals(c.cardId()))
              .filter(p -> c.lost() ? "REVOKED".equals(p.state()) : p.valid())
              .count();
      Text label =
          Text.of(
              c.lost() ? "choose-lost-card.reported" : "choose-lost-card.card",
              c.cardId().value(),
              tickets);
      lines.add(label);
      choices.add(new Choice(c.cardId().value(), label));
    }
    if (choices.isEmpty()) {
      customer.inform(
          Screens.notice(
              "no-lost-card", Text.of("no-lost-card.title"), Text.of("no-lost-card.line")));
      return Outcome.cancel("the user has no card to report lost");
    }
    choices.add(Screens.CANCEL);
    Answer a =
        customer.show(
            Screens.ask("choose-lost-card", Text.of("choose-lost-card.title"), lines, choices));
    Optional<UserRecall.UserCard> chosen =
        offered.stream().filter(c -> a.is(c.cardId().value())).findFirst();
    if (chosen.isEmpty()) {
      return Outcome.cancel("customer cancelled at the card choice");
    }
    session.put(UserSession.LOST_CARD, chosen.get().cardId().value());
    chosen.get().lostAt().ifPresent(at -> session.put(UserSession.LOST_AT, at));
    return Outcome.next();
  }
}
