package com.kippu.atm.flow.users;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.CommuterPass;
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
 * What the user id and PIN recall (S2 ¶36): the registered attributes, as they fill the forms of
 * later purchases, the earlier purchases and commuter passes with their state and card, and the
 * user's cards (lost, reissued onto). A valid ticket or pass of the card in the reader can be
 * written onto it again (idempotent: only when the card lacks it); a lost card's tickets and passes
 * are reissued by the lost-card menu (F9).
 */
public final class ShowRecall implements Step<UserSession> {
  static final String DONE = "done";
  static final String WRITE = "write:";
  static final String WRITE_PASS = "write-pass:";

  private final IcCard card;
  private final TicketCard tickets;
  private final CustomerTerminal customer;

  public ShowRecall(IcCard card, TicketCard tickets, CustomerTerminal customer) {
    this.card = card;
    this.tickets = tickets;
    this.customer = customer;
  }

  @Override
  public String id() {
    return "recall";
  }

  @Override
  public Outcome run(UserSession session) throws CardException {
    UserRecall recall = session.recall().orElseThrow();
    Optional<CardId> inserted = inserted();
    List<Text> lines = new ArrayList<>();
    lines.add(Text.of("recall.name", recall.profile().name()));
    lines.add(Text.of("recall.phone", recall.profile().phone()));
    lines.add(Text.of("recall.address", recall.profile().address()));
    lines.add(Text.of("recall.purchases", recall.purchases().size()));
    List<Choice> choices = new ArrayList<>();
    for (UserRecall.Purchase p : recall.purchases()) {
      lines.add(
          Text.of(
              "recall.purchase",
              p.title(),
              Text.of("recall.state." + p.state()),
              p.cardId().value(),
              p.ticketNumber()));
      if (p.valid() && inserted.isPresent() && p.cardId().equals(inserted.get())) {
        choices.add(new Choice(WRITE + p.ticketNumber(), Text.of("recall.write", p.title())));
      }
    }
    lines.add(Text.of("recall.passes", recall.passes().size()));
    for (UserRecall.Pass p : recall.passes()) {
      CommuterPass pass = p.pass();
      lines.add(
          Text.of(
              "recall.pass",
              pass.fromStation() + " - " + pass.toStation(),
              Text.of("recall.state." + p.state()),
              pass.validUntil().toString(),
              pass.cardId().value(),
              pass.passNumber()));
      if (p.valid() && inserted.isPresent() && pass.cardId().equals(inserted.get())) {
        choices.add(
            new Choice(WRITE_PASS + pass.passNumber(), Text.of("recall.write", pass.name())));
      }
    }
    for (UserRecall.UserCard c : recall.cards()) {
      lines.add(
          c.reissuedOnto().isPresent()
              ? Text.of("recall.card.reissued", c.cardId().value(), c.reissuedOnto().get().value())
              : Text.of(c.lost() ? "recall.card.lost" : "recall.card", c.cardId().value()));
    }
    choices.add(new Choice(DONE, Text.of("recall.done")));
    Answer a = customer.show(Screens.ask("recall", Text.of("recall.title"), lines, choices));
    Optional<UserRecall.Pass> pass =
        recall.passes().stream().filter(p -> a.is(WRITE_PASS + p.pass().passNumber())).findFirst();
    if (pass.isPresent()) {
      tickets.writePass(card, inserted.orElseThrow(), pass.get().pass().signed());
      customer.inform(
          Screens.notice(
              "ticket-rewritten",
              Text.of("ticket-rewritten.title"),
              Text.of("ticket-rewritten.line", pass.get().pass().name(), inserted.get().value())));
    }
    Optional<UserRecall.Purchase> chosen =
        recall.purchases().stream().filter(p -> a.is(WRITE + p.ticketNumber())).findFirst();
    if (chosen.isPresent()) {
      tickets.write(card, inserted.orElseThrow(), chosen.get().signedTicket());
      customer.inform(
          Screens.notice(
              "ticket-rewritten",
              Text.of("ticket-rewritten.title"),
              Text.of("ticket-rewritten.line", chosen.get().title(), inserted.get().value())));
    }
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
