package com.kippu.atm.flow.kiosk;

import com.kippu.atm.center.FareClass;
import com.kippu.atm.center.Holder;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.Screen.Choice;
import com.kippu.atm.spi.Text;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a commuter pass needs besides its section and period (S2 ¶26, S54-S56): the holder's name
 * (printed on the card, Japanese as typed), phone and address (for the railway's sales record),
 * keyed in at the kiosk; the fare class; and the first day, today or tomorrow. The holder stays in
 * memory for the sale only, never in the journal. A value that does not fit is asked again.
 */
final class EnterPassDetails implements Step<PurchaseSession> {
  static final int TRIES = 3;
  static final String TODAY = "today";
  static final String TOMORROW = "tomorrow";

  private final CustomerTerminal customer;
  private final Clock clock;
  private final ZoneId zone;

  EnterPassDetails(CustomerTerminal customer, Clock clock, ZoneId zone) {
    this.customer = customer;
    this.clock = clock;
    this.zone = zone;
  }

  @Override
  public String id() {
    return "enter-pass-details";
  }

  @Override
  public Outcome run(PurchaseSession session) {
    Optional<String> name =
        typed(
            "enter-holder-name",
            Holder.MAX_NAME,
            Screen.Input.Kind.TEXT,
            v -> Holder.validText(v, Holder.MAX_NAME));
    if (name.isEmpty()) {
      return Outcome.cancel("customer cancelled at the holder's name");
    }
    Optional<String> phone =
        typed("enter-holder-phone", Holder.MAX_PHONE, Screen.Input.Kind.PHONE, Holder::validPhone);
    if (phone.isEmpty()) {
      return Outcome.cancel("customer cancelled at the holder's phone");
    }
    Optional<String> address =
        typed(
            "enter-holder-address",
            Holder.MAX_ADDRESS,
            Screen.Input.Kind.TEXT,
            v -> Holder.validText(v, Holder.MAX_ADDRESS));
    if (address.isEmpty()) {
      return Outcome.cancel("customer cancelled at the holder's address");
    }
    Answer fare =
        customer.show(
            Screens.ask(
                "choose-fare-class",
                Text.of("choose-fare-class.title"),
                List.of(),
                List.of(
                    new Choice(FareClass.ADULT.name(), Text.of("fare-class.ADULT")),
                    new Choice(FareClass.CHILD.name(), Text.of("fare-class.CHILD")),
                    Screens.CANCEL)));
    Optional<FareClass> fareClass =
        List.of(FareClass.values()).stream().filter(f -> fare.is(f.name())).findFirst();
    if (fareClass.isEmpty()) {
      return Outcome.cancel("customer cancelled at the fare class");
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    Answer first =
        customer.show(
            Screens.ask(
                "choose-first-day",
                Text.of("choose-first-day.title"),
                List.of(),
                List.of(
                    new Choice(TODAY, Text.of("choose-first-day.today", today)),
                    new Choice(TOMORROW, Text.of("choose-first-day.tomorrow", today.plusDays(1))),
                    Screens.CANCEL)));
    if (!first.is(TODAY) && !first.is(TOMORROW)) {
      return Outcome.cancel("customer cancelled at the first day");
    }
    session
        .kiosk()
        .passFor(
            new Holder(name.get(), phone.get(), address.get()),
            fareClass.get(),
            first.is(TODAY) ? today : today.plusDays(1));
    return Outcome.next();
  }

  /** Asks for one value until it fits, at most {@value #TRIES} times; empty on a cancel. */
  private Optional<String> typed(
      String screen, int maxLength, Screen.Input.Kind kind, Predicate<String> valid) {
    for (int i = 0; i < TRIES; i++) {
      Answer answer =
          customer.show(
              Screens.ask(
                      screen,
                      Text.of(screen + ".title"),
                      List.of(Text.of(screen + ".line")),
                      List.of(Screens.CANCEL))
                  .withInput(new Screen.Input(Text.of(screen + ".prompt"), maxLength, kind)));
      Optional<String> text = answer.text().map(String::strip);
      if (text.isEmpty()) {
        return Optional.empty();
      }
      if (valid.test(text.get())) {
        return text;
      }
      customer.inform(
          Screens.notice(
              "input-not-valid",
              Text.of("input-not-valid.title"),
              Text.of(screen + ".rule", maxLength)));
    }
    return Optional.empty();
  }
}
