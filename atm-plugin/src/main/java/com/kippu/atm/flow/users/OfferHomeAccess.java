package com.kippu.atm.flow.users;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.UserCenter;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen.Choice;
import com.kippu.atm.spi.Text;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * At registration (F12, F13, S2 ¶46), the new user may set the password they will sign in with at a
 * home PC and store the card number they will pay with there, authenticated by the PIN they have
 * just chosen. Optional: declining (or cancelling) leaves the registration as it is. The password
 * and the card number go to the center only, over the terminal's signed channel; the journal keeps
 * the card masked as the center answered, never the number or the password.
 */
public final class OfferHomeAccess implements Step<UserSession> {
  static final String SET_UP = "set-up";
  static final String SKIP = "skip";
  static final int TRIES = 3;

  private final UserCenter center;
  private final CustomerTerminal customer;

  public OfferHomeAccess(UserCenter center, CustomerTerminal customer) {
    this.center = center;
    this.customer = customer;
  }

  @Override
  public String id() {
    return "offer-home-access";
  }

  @Override
  public Outcome run(UserSession session) {
    Answer offer =
        customer.show(
            Screens.ask(
                "home-access-offer",
                Text.of("home-access-offer.title"),
                List.of(Text.of("home-access-offer.line")),
                List.of(
                    new Choice(SET_UP, Text.of("home-access-offer.set-up")),
                    new Choice(SKIP, Text.of("home-access-offer.skip")))));
    if (!offer.is(SET_UP)) {
      return Outcome.next();
    }
    Optional<String> password =
        typed("home-set-password", p -> p.length() >= 8 && p.length() <= 64);
    if (password.isEmpty()) {
      return Outcome.next();
    }
    Optional<String> number = typed("home-card-number", n -> n.matches("\\d{13,19}"));
    if (number.isEmpty()) {
      return Outcome.next();
    }
    Optional<String> expiry = typed("home-card-expiry", e -> e.matches("\\d{2}(0[1-9]|1[0-2])"));
    if (expiry.isEmpty()) {
      return Outcome.next();
    }
    char[] chars = password.get().toCharArray();
    String masked;
    try {
      masked =
          center.setUpHome(
              session.draft().orElseThrow().userId(),
              session.pin().orElseThrow(),
              chars,
              number.get(),
              expiry.get());
    } catch (CenterException e) {
      // The registration stands either way; the user can set up home access later.
      customer.inform(
          Screens.notice(
              "home-access-refused",
              Text.of("home-access-refused.title"),
              Text.of("home-access-refused.line", e.code())));
      return Outcome.next();
    } finally {
      Arrays.fill(chars, '\0');
    }
    session.put(UserSession.HOME_CARD, masked);
    customer.inform(
        Screens.notice(
            "home-access-set",
            Text.of("home-access-set.title"),
            Text.of("home-access-set.line", masked)));
    return Outcome.next();
  }

  /** One value typed until it fits, at most {@value #TRIES} times; empty on a cancel. */
  private Optional<String> typed(String screen, Predicate<String> valid) {
    for (int i = 0; i < TRIES; i++) {
      Answer a =
          customer.show(
              Screens.entry(
                  screen,
                  Text.of(screen + ".title"),
                  List.of(Text.of(screen + ".line")),
                  Text.of(screen + ".field")));
      Optional<String> typed = a.entry().map(String::strip);
      if (typed.isEmpty()) {
        return Optional.empty();
      }
      if (valid.test(typed.get())) {
        return typed;
      }
      customer.inform(
          Screens.notice(
              "input-not-valid", Text.of("input-not-valid.title"), Text.of(screen + ".line")));
    }
    return Optional.empty();
  }
}
