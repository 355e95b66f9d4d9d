package com.kippu.center.card;

import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.TerminalId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Proof that a card is in the terminal (F9, F12): linking a card to a user, or reissuing a lost
 * card's tickets onto it, needs the card itself, not its id from a receipt. The center issues a
 * random challenge bound to the card and the calling terminal; the terminal has the card answer it
 * under its own key and sends the answer; the center checks it once. A challenge is used up by its
 * first answer, right or wrong, and lapses after {@link #VALIDITY}.
 */
public final class CardChallenges {
  public static final Duration VALIDITY = Duration.ofMinutes(2);
  public static final int CHALLENGE_BYTES = 16;
  private static final Duration KEPT = Duration.ofDays(1);

  private final CardChallengeRepository challenges;
  private final Optional<CardKeys> keys;
  private final SecureRandom random;
  private final Clock clock;

  /** {@code keys} empty: the center has no card authentication key, so no card can prove itself. */
  public CardChallenges(
      CardChallengeRepository challenges,
      Optional<CardKeys> keys,
      SecureRandom random,
      Clock clock) {
    this.challenges = challenges;
    this.keys = keys;
    this.random = random;
    this.clock = clock;
  }

  /** A fresh challenge for {@code card} at {@code terminal}. */
  public CardChallenge issue(CardId card, TerminalId terminal) {
    Instant now = now();
    byte[] id = new byte[12];
    random.nextBytes(id);
    byte[] challenge = new byte[CHALLENGE_BYTES];
    random.nextBytes(challenge);
    CardChallenge c =
        new CardChallenge(
            "CH-" + HexFormat.of().formatHex(id),
            card,
            terminal,
            challenge,
            now.plus(VALIDITY),
            Optional.empty());
    challenges.add(c, now.minus(KEPT));
    return c;
  }

  /**
   * Why {@code proof} does not show that {@code card} is in {@code terminal}; empty when it does.
   */
  public Optional<String> refusal(CardProof proof, CardId card, TerminalId terminal) {
    if (keys.isEmpty()) {
      return Optional.of("this center cannot check a card's answer (no card authentication key)");
    }
    Instant now = now();
    Optional<CardChallenge> found = challenges.use(proof.challengeId(), now);
    if (found.isEmpty()) {
      return Optional.of("no challenge " + proof.challengeId());
    }
    CardChallenge c = found.get();
    if (!c.cardId().equals(card) || !c.terminalId().equals(terminal)) {
      return Optional.of(
          "challenge " + c.challengeId() + " was issued for another card or terminal");
    }
    if (c.usedAt().isPresent()) {
      return Optional.of("challenge " + c.challengeId() + " was answered already");
    }
    if (!now.isBefore(c.expiresAt())) {
      return Optional.of("challenge " + c.challengeId() + " has lapsed");
    }
    if (!keys.get().answers(card.value(), c.challenge(), proof.response())) {
      return Optional.of("card " + card + " did not answer the challenge with its own key");
    }
    return Optional.empty();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
