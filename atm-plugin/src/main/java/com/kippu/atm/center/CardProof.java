package com.kippu.atm.center;

import java.util.Objects;

/** The card's answer to a {@link CardChallenge} (INTERNAL AUTHENTICATE), for the center. */
public record CardProof(String challengeId, byte[] response) {
  public CardProof {
    Objects.requireNonNull(challengeId, "challengeId");
    response = response.clone();
  }

  @Override
  public byte[] response() {
    return response.clone();
  }

  @Override
  public String toString() {
    return "CardProof[" + challengeId + "]";
  }
}
