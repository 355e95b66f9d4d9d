package com.kippu.center.card;

import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.TerminalId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A one-time challenge for one card at one terminal: the random bytes the card must answer under
 * its own key before {@code expiresAt}; {@code usedAt} once an answer was checked, right or wrong.
 */
public record CardChallenge(
    String challengeId,
    CardId cardId,
    TerminalId terminalId,
    byte[] challenge,
    Instant expiresAt,
    Optional<Instant> usedAt) {
  public CardChallenge {
    Objects.requireNonNull(challengeId, "challengeId");
    Objects.requireNonNull(cardId, "cardId");
    Objects.requireNonNull(terminalId, "terminalId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(usedAt, "usedAt");
    challenge = challenge.clone();
  }

  @Override
  public byte[] challenge() {
    return challenge.clone();
  }
}
