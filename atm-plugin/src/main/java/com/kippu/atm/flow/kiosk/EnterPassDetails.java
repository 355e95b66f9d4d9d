package com.kippu.atm.flow.kiosk;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.FareClass;
import com.kippu.atm.center.Holder;
import com.kippu.atm.center.RegisteredUser;
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
 * keyed in at the kiosk, or filled from the registration of a user who signs in with user id and
 * PIN (F12, S2 ¶36); the fare class; and the first day, today or tomorrow. The holder stays in
 * memory for the sale only, never in the journal. A value that does not fit is asked again.
 */
final class EnterPassDetails implements Step<PurchaseSession> {
  static final int TRIES = 3;
  static final String TODAY = "today";
  static final String TOMORROW = "tomorrow";

  static final String SIGN_IN = "sign-in";

  /** What {@link #typed} answers for the sign-in choice: no typed text can be it. */
  private static final String SIGN_IN_CHOSEN = "\u0000" + SIGN_IN;

  private final CustomerTerminal customer;
  private final Optional<KioskSignIn> signIn;
  private final Clock clock;
  private final ZoneId zone;

  EnterPassDetails(
      CustomerTerminal customer, Optional<KioskSignIn> signIn, Clock clock, ZoneId zone) {
    this.customer = customer;
    this.signIn = signIn;
    this.clock = clock;
    this.zone = zone;
  }

  @Override
  public String id() {
    return "enter-pass-details";
  }

  @Override
  public Outcome run(PurchaseSession session) throws CenterException {
    if (session.kiosk().user().user().isPresent() && !checked(session)) {
      return Outcome.cancel("the registration is not identity-checked");
    }
    Optional<Holder> holder = registered(session);
    if (holder.isEmpty()) {
      Optional<String> name =
          typed(
              "enter-holder-name",
              Holder.MAX_NAME,
              Screen.Input.Kind.TEXT,
              v -> Holder.validText(v, Holder.MAX_NAME));
      if (name.isEmpty()) {
        return Outcome.cancel("customer cancelled at the holder's name");
      }
      if (name.get().equals(SIGN_IN_CHOSEN)) {
        if (!signIn.orElseThrow().signIn(session)) {
          return Outcome.cancel("the registered user did not sign in");
        }
        if (!checked(session)) {
          return Outcome.cancel("the registration is not identity-checked");
        }
        holder = registered(session);
      }
      if (holder.isEmpty()) {
        holder = keyedIn(name.get().equals(SIGN_IN_CHOSEN) ? Optional.empty() : name);
      }
      if (holder.isEmpty()) {
        return Outcome.cancel("customer cancelled at the holder's details");
      }
    }
    return fareAndDay(session, holder.get());
  }

  /**
   * S2 ¶35, ¶37: a pass in a registered user's name needs the operator's identity check of the
   * registration; false (and the customer told) until then.
   */
  private boolean checked(PurchaseSession session) {
    if (session.kiosk().user().identityChecked()) {
      return true;
    }
    customer.inform(
        Screens.notice(
            "identity-check-needed",
            Text.of("identity-check-needed.title"),
            Text.of("identity-check-needed.line")));
    return false;
  }

  /**
   * The holder filled from the signed-in user's registration (S2 ¶36), shown to the customer; empty
   * when nobody signed in or a registered value does not fit the railway's form.
   */
  private Optional<Holder> registered(PurchaseSession session) {
    Optional<RegisteredUser> user = session.kiosk().user().profile();
    if (user.isEmpty()
        || !Holder.validText(user.get().name(), Holder.MAX_NAME)
        || !Holder.validPhone(user.get().phone())
        || !Holder.validText(user.get().address(), Holder.MAX_ADDRESS)) {
      return Optional.empty();
    }
    customer.inform(
        Screens.notice(
            "holder-filled",
            Text.of("holder-filled.title"),
            Text.of("holder-filled.line", user.get().name(), user.get().userId().value())));
    return Optional.of(new Holder(user.get().name(), user.get().phone(), user.get().address()));
  }

  /** Name (unless typed already), phone and address keyed in; empty on a cancel. */
  private Optional<Holder> keyedIn(Optional<String> typedName) {
    Optional<String> name =
        typedName.isPresent()
            ? typedName
            : typed(
                "enter-holder-name",
                Holder.MAX_NAME,
                Screen.Input.Kind.TEXT,
                v -> Holder.validText(v, Holder.MAX_NAME));
    if (name.isEmpty() || name.get().equals(SIGN_IN_CHOSEN)) {
      return Optional.empty();
    }
    Optional<String> phone =
        typed("enter-holder-phone", Holder.MAX_PHONE, Screen.Input.Kind.PHONE, Holder::validPhone);
    if (phone.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> address =
        typed(
            "enter-holder-address",
            Holder.MAX_ADDRESS,
            Screen.Input.Kind.TEXT,
            v -> Holder.validText(v, Holder.MAX_ADDRESS));
    if (address.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Holder(name.get(), phone.get(), address.get()));
  }

  private Outcome fareAndDay(PurchaseSession session, Holder holder) {
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
    session.kiosk().passFor(holder, fareClass.get(), first.is(TODAY) ? today : today.plusDays(1));
    return Outcome.next();
  }

  /** A registered user may sign in instead of typing the holder's name (F12). */
  private List<Choice> choices(String screen) {
    return signIn.isPresent() && screen.equals("enter-holder-name")
        ? List.of(new Choice(SIGN_IN, Text.of("enter-holder-name.sign-in")), Screens.CANCEL)
        : List.of(Screens.CANCEL);
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
                      choices(screen))
                  .withInput(new Screen.Input(Text.of(screen + ".prompt"), maxLength, kind)));
      if (answer.is(SIGN_IN)) {
        return Optional.of(SIGN_IN_CHOSEN);
      }
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
