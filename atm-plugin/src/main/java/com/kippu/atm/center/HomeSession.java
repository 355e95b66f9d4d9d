package com.kippu.atm.center;

import java.time.Instant;

/** A registered user logged in from a home PC (F13, S2 ¶47): the session and the stored card. */
public record HomeSession(String token, String userId, String maskedCard, Instant expiresAt) {
  @Override
  public String toString() {
    return "HomeSession[" + userId + ", " + maskedCard + "]"; // never the token
  }
}
