package com.kippu.atm.center;

import java.util.Objects;

/** The attributes a user registers (S2 ¶35) and the center fills forms with (S2 ¶36). */
public record RegisteredUser(UserId userId, String name, String phone, String address) {
  public RegisteredUser {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(address, "address");
  }
}
