package com.kippu.atm.flow.users;

import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.spi.CustomerTerminal;
import java.util.Optional;

/**
 * The attributes a user registers (S2 ¶35): name (as written, Japanese included), phone number and
 * address, typed on the terminal. They fill later forms (S2 ¶36), e.g. a commuter pass's holder.
 */
public final class EnterProfile implements Step<UserSession> {
  static final int MAX_NAME = 120;
  static final int MAX_PHONE = 32;
  static final int MAX_ADDRESS = 200;

  private final CustomerTerminal customer;

  public EnterProfile(CustomerTerminal customer) {
    this.customer = customer;
  }

  @Override
  public String id() {
    return "enter-profile";
  }

  @Override
  public Outcome run(UserSession session) {
    Optional<String> name =
        Entries.ask(customer, "register-name", t -> !t.isEmpty() && t.length() <= MAX_NAME);
    if (name.isEmpty()) {
      return Outcome.cancel("customer cancelled at the name");
    }
    Optional<String> phone =
        Entries.ask(
            customer,
            "register-phone",
            t -> t.matches("[0-9+][0-9 ()-]{5,}") && t.length() <= MAX_PHONE);
    if (phone.isEmpty()) {
      return Outcome.cancel("customer cancelled at the phone number");
    }
    Optional<String> address =
        Entries.ask(customer, "register-address", t -> !t.isEmpty() && t.length() <= MAX_ADDRESS);
    if (address.isEmpty()) {
      return Outcome.cancel("customer cancelled at the address");
    }
    session.profile(name.get(), phone.get(), address.get());
    return Outcome.next();
  }
}
