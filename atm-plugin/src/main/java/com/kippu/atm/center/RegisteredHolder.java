package com.kippu.atm.center;

import java.util.Objects;

/**
 * The registered user a card is issued in the name of (S2 ¶37, ¶39), with the PIN the user signed
 * in with at this terminal: the center sells such a card only to a registration an operator
 * identity-checked, in the registered name. In memory for one session only, like the PIN.
 */
public record RegisteredHolder(UserId user, UserPin pin) {
  public RegisteredHolder {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(pin, "pin");
  }
}
