package com.kippu.atm.flow.users;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.UserCenter;
import com.kippu.atm.center.UserId;
import com.kippu.atm.center.UserPin;
import com.kippu.atm.center.UserRecall;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Signal;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.payment.PinEntryCancelledException;
import com.kippu.atm.payment.PinPad;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;

/**
 * User id + PIN (S2 ¶36, ¶38): the PIN on the PIN pad, checked by the center, which answers with
 * the user's attributes, cards and earlier purchases. A wrong PIN lets the customer try again
 * ({@link Signal#TRY_AGAIN}) until the center locks the user or throttles the terminal.
 */
public final class SignIn implements Step<UserSession> {
  private final UserCenter center;
  private final UserPins pins;
  private final CustomerTerminal customer;

  public SignIn(UserCenter center, PinPad pinPad, CustomerTerminal customer) {
    this.center = center;
    this.pins = new UserPins(center, pinPad, customer);
    this.customer = customer;
  }

  @Override
  public String id() {
    return "sign-in";
  }

  @Override
  public Outcome run(UserSession session) throws CenterException {
    UserId user = session.requiredUser();
    UserPin pin;
    try {
      pin = pins.read(user, Text.of("user-pin.line", user.value()));
    } catch (PinEntryCancelledException e) {
      return Outcome.cancel(e.getMessage());
    }
    UserRecall recall;
    try {
      recall = center.recall(user, pin);
    } catch (CenterException e) {
      return refused(e);
    }
    session.signedIn(pin, recall);
    return Outcome.next();
  }

  private Outcome refused(CenterException e) throws CenterException {
    switch (e.code()) {
      case "AUTH_FAILED" -> {
        customer.inform(
            Screens.notice(
                "user-pin-wrong", Text.of("user-pin-wrong.title"), Text.of("user-pin-wrong.line")));
        return Outcome.signal(Signal.TRY_AGAIN, "user id or PIN wrong");
      }
      case "USER_LOCKED", "TERMINAL_THROTTLED" -> {
        customer.inform(
            Screens.notice(
                "user-locked", Text.of("user-locked.title"), Text.of("user-locked.line")));
        return Outcome.cancel(e.code());
      }
      default -> throw e;
    }
  }
}
