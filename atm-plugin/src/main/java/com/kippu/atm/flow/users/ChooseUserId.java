package com.kippu.atm.flow.users;

import com.kippu.atm.center.UserId;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.spi.CustomerTerminal;
import java.util.Optional;

/**
 * The customer chooses the user id to register under (S2 ¶35). The PIN is formed for it on the PIN
 * pad, so a taken id means choosing another and entering the PIN again.
 */
public final class ChooseUserId implements Step<UserSession> {
  private final CustomerTerminal customer;

  public ChooseUserId(CustomerTerminal customer) {
    this.customer = customer;
  }

  @Override
  public String id() {
    return "choose-user-id";
  }

  @Override
  public Outcome run(UserSession session) {
    Optional<String> id = Entries.ask(customer, "register-user-id", UserId::valid);
    if (id.isEmpty()) {
      return Outcome.cancel("customer cancelled at the user id");
    }
    session.put(UserSession.USER, id.get());
    return Outcome.next();
  }
}
