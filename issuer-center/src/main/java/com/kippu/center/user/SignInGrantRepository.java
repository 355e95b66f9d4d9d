package com.kippu.center.user;

import com.kippu.center.reservation.CardId;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/** Port to the sign-in grants of registered users. */
public interface SignInGrantRepository {

  /** Stores a new grant, purging those that lapsed before {@code purgeBefore}. */
  void add(SignInGrant grant, Instant purgeBefore);

  /**
   * In one transaction (row locked): the grant as it was, and, when no card used it yet and it is
   * {@code usable}, {@code card} recorded as its card; empty when there is no such grant.
   */
  Optional<SignInGrant> use(String grantId, CardId card, Predicate<SignInGrant> usable);
}
