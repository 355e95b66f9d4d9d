package com.kippu.center.card;

import java.util.Objects;

/**
 * A card's answer to a challenge the center issued ({@link CardChallenges#issue}): the challenge's
 * id and the card's response, as the terminal read it from the card (ISO 7816-4 INTERNAL
 * AUTHENTICATE).
 */
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
