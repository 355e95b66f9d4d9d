package com.kippu.atm.flow.users;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.UserCenter;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Signal;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;

/**
 * Registers the user at the center (S2 ¶35): attributes and the PIN block; the center keeps only a
 * slow salted hash of the PIN. A user id already taken sends the customer back to choose another.
 */
public final class RegisterUser implements Step<UserSession> {
  private final UserCenter center;
  private final CustomerTerminal customer;

  public RegisterUser(UserCenter center, CustomerTerminal customer) {
    this.center = center;
    this.customer = customer;
  }

  @Override
  public String id() {
    return "register";
  }

  @Override
  public Outcome run(UserSession session) throws CenterException {
    try {
      center.register(session.draft().orElseThrow(), session.pin().orElseThrow());
    } catch (CenterException e) {
      if ("USER_EXISTS".equals(e.code())) {
        customer.inform(
            Screens.notice(
                "user-id-taken",
                Text.of("user-id-taken.title"),
                Text.of("user-id-taken.line", session.draft().orElseThrow().userId().value())));
        return Outcome.signal(Signal.TRY_AGAIN, "user id taken");
      }
      throw e;
    }
    customer.inform(
        Screens.notice(
            "registered",
            Text.of("registered.title"),
            Text.of("registered.line", session.draft().orElseThrow().userId().value())));
    return Outcome.next();
  }
}
