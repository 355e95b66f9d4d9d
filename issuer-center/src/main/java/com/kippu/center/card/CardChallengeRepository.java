package com.kippu.center.card;

import java.time.Instant;
import java.util.Optional;

/** Port to the one-time card challenges. */
public interface CardChallengeRepository {

  /** Stores a new challenge and forgets those that expired before {@code purgeBefore}. */
  void add(CardChallenge challenge, Instant purgeBefore);

  /**
   * In one transaction: marks the challenge used at {@code at} unless it was used already, and
   * returns it as it was before (empty when unknown). A challenge is therefore answered once.
   */
  Optional<CardChallenge> use(String challengeId, Instant at);
}
