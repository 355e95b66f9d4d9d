package com.kippu.center.user;

import java.time.Instant;
import java.util.Optional;

/** Port to the operator's identity checks of registrations and the users' face photos. */
public interface IdentityRepository {

  /**
   * Records the check unless one is recorded; returns the one that stands (empty: no such user).
   */
  Optional<IdentityCheck> check(IdentityCheck check);

  Optional<IdentityCheck> checkOf(UserId user);

  /** Stores (or replaces) the user's face photo; false when the user is unknown. */
  boolean storePhoto(UserId user, byte[] png, Instant at);

  Optional<byte[]> photo(UserId user);
}
