package com.kippu.atm.center;

import com.kippu.atm.card.CardId;
import java.time.Instant;
import java.util.Objects;

/** A one-time challenge from the center for the card in the terminal to answer. */
public record CardChallenge(
    String challengeId, CardId cardId, byte[] challenge, Instant expiresAt) {
  public CardChallenge {
    Objects.requireNonNull(challengeId, "challengeId");
    Objects.requireNonNull(cardId, "cardId");
    challenge = challenge.clone();
  }

  @Override
  public byte[] challenge() {
    return challenge.clone();
  }
}
