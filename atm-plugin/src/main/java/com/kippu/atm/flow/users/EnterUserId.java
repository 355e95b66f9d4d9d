package com.kippu.atm.flow.users;

import com.kippu.atm.center.UserId;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.util.List;
import java.util.Optional;

/** The registered user types their user id (S2 ¶36, ¶38); the PIN comes next, on the PIN pad. */
public final class EnterUserId implements Step<UserSession> {
  static final int TRIES = 3;

  private final CustomerTerminal customer;

  public EnterUserId(CustomerTerminal customer) {
    this.customer = customer;
  }

  @Override
  public String id() {
    return "enter-user-id";
  }

  @Override
  public Outcome run(UserSession session) {
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
        return Outcome.cancel("customer cancelled at the user id");
      }
      if (UserId.valid(typed.get())) {
        session.put(UserSession.USER, typed.get());
        return Outcome.next();
      }
      customer.inform(
          Screens.notice(
              "user-id-invalid", Text.of("user-id-invalid.title"), Text.of("user-id.line")));
    }
    return Outcome.cancel("no well-formed user id after " + TRIES + " tries");
  }
}
