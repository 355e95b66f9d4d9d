package com.kippu.atm.flow.kiosk;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.UserCenter;
import com.kippu.atm.center.UserId;
import com.kippu.atm.center.UserPin;
import com.kippu.atm.center.UserRecall;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.flow.users.UserPins;
import com.kippu.atm.payment.PinEntryCancelledException;
import com.kippu.atm.payment.PinPad;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.util.List;
import java.util.Optional;

/**
 * A registered user signs in to a kiosk purchase (F12, S2 ¶36): the user id typed, the PIN on the
 * PIN pad under the center's PIN key (never in clear), checked by the center, which answers with
 * the registered attributes that then fill the purchase's forms. A wrong PIN is asked again up to
 * {@value #TRIES} times, until the center locks the user or throttles the terminal.
 */
final class KioskSignIn {
  static final int TRIES = 3;

  private final UserCenter center;
  private final UserPins pins;
  private final CustomerTerminal customer;

  KioskSignIn(UserCenter center, PinPad pinPad, CustomerTerminal customer) {
    this.center = center;
    this.pins = new UserPins(center, pinPad, customer);
    this.customer = customer;
  }

  /** True when the user signed in; false when they cancelled or were locked (and told). */
  boolean signIn(PurchaseSession session) throws CenterException {
    Optional<UserId> user = userId();
    if (user.isEmpty()) {
      return false;
    }
    for (int i = 0; i < TRIES; i++) {
      UserPin pin;
      try {
        pin = pins.read(user.get(), Text.of("user-pin.line", user.get().value()));
      } catch (PinEntryCancelledException e) {
        return false;
      }
      try {
        UserRecall recall = center.recall(user.get(), pin);
        session.kiosk().user().signedIn(pin, recall);
        customer.inform(
            Screens.notice(
                "kiosk-signed-in",
                Text.of("kiosk-signed-in.title"),
                Text.of("kiosk-signed-in.line", recall.profile().name(), user.get().value())));
        return true;
      } catch (CenterException e) {
        switch (e.code()) {
          case "AUTH_FAILED" ->
              customer.inform(
                  Screens.notice(
                      "user-pin-wrong",
                      Text.of("user-pin-wrong.title"),
                      Text.of("user-pin-wrong.line")));
          case "USER_LOCKED", "TERMINAL_THROTTLED" -> {
            customer.inform(
                Screens.notice(
                    "user-locked", Text.of("user-locked.title"), Text.of("user-locked.line")));
            return false;
          }
          default -> throw e;
        }
      }
    }
    return false;
  }

  private Optional<UserId> userId() {
    for (int i = 0; i < TRIES; i++) {
      Answer a =
          customer.show(
              Screens.entry(
                  "user-id",
                  Text.of("user-id.title"),
                  List.of(Text.of("user-id.line")),
                  Text.of("user-id.field")));
      Optional<String> typed = a.entry().map(String::strip);
      if (typed.isEmpty()) {
        return Optional.empty();
      }
      if (UserId.valid(typed.get())) {
        return Optional.of(new UserId(typed.get()));
      }
      customer.inform(
          Screens.notice(
              "user-id-invalid", Text.of("user-id-invalid.title"), Text.of("user-id.line")));
    }
    return Optional.empty();
  }
}
