package com.kippu.center.user;

import java.util.Objects;

/** The attributes a user registers (S2 ¶35) to fill forms at terminals. */
public record UserProfile(UserId userId, String name, String phone, String address) {
  public UserProfile {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(address, "address");
  }
}
