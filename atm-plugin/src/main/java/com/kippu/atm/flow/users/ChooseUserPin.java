package com.kippu.atm.flow.users;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.UserCenter;
import com.kippu.atm.center.UserId;
import com.kippu.atm.center.UserPin;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Signal;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.payment.PinEntryCancelledException;
import com.kippu.atm.payment.PinPad;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;

/**
 * The new user's PIN, typed twice on the PIN pad (S2 ¶35). The two blocks are compared as blocks:
 * format 0 under the same key and account number gives the same block for the same PIN, so the
 * terminal checks the repeat without ever seeing a digit.
 */
public final class ChooseUserPin implements Step<UserSession> {
  private final UserPins pins;
  private final CustomerTerminal customer;

  public ChooseUserPin(UserCenter center, PinPad pinPad, CustomerTerminal customer) {
    this.pins = new UserPins(center, pinPad, customer);
    this.customer = customer;
  }

  @Override
  public String id() {
    return "choose-pin";
  }

  @Override
  public Outcome run(UserSession session) throws CenterException {
    UserId user = session.draft().orElseThrow().userId();
    UserPin first;
    UserPin again;
    try {
      first = pins.read(user, Text.of("new-pin.line"));
      again = pins.readAgain(user, first);
    } catch (PinEntryCancelledException e) {
      return Outcome.cancel(e.getMessage());
    }
    if (!UserPins.same(first, again)) {
      customer.inform(
          Screens.notice(
              "pin-mismatch", Text.of("pin-mismatch.title"), Text.of("pin-mismatch.line")));
      return Outcome.signal(Signal.TRY_AGAIN, "the two PINs differ");
    }
    session.pinChosen(first);
    return Outcome.next();
  }
}
