package com.kippu.center.user;

import com.kippu.center.common.Answer;
import com.kippu.center.reservation.CardId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Registered users (F12, S2 ¶35-37): registration with a PIN kept only as a slow salted hash,
 * authentication by user id and PIN with a lockout after repeated wrong PINs, cards linked to the
 * user, and recall of earlier purchases. Unknown users and wrong PINs get the same answer and take
 * the same time. The PIN is hashed outside any transaction; only the count update is transactional.
 */
public final class UserService {
  private final UserRepository users;
  private final PinHasher hasher;
  private final Clock clock;
  private final int maxFailures;
  private final Duration lockout;
  private final PinHash decoy;

  public UserService(
      UserRepository users, PinHasher hasher, Clock clock, int maxFailures, Duration lockout) {
    this.users = users;
    this.hasher = hasher;
    this.clock = clock;
    this.maxFailures = maxFailures;
    this.lockout = lockout;
    this.decoy = hasher.hash(new Pin("000000"));
  }

  public Answer<UserOutcome, UserProfile> register(UserProfile profile, Pin pin) {
    if (!users.create(profile, hasher.hash(pin), clock.instant())) {
      return Answer.refused(
          UserOutcome.USER_EXISTS, "user id " + profile.userId() + " is taken", "userId");
    }
    return Answer.of(UserOutcome.REGISTERED, profile);
  }

  /** User id + PIN; counts a wrong PIN towards the lockout. */
  public Answer<UserOutcome, UserId> authenticate(UserId userId, Pin pin) {
    Optional<PinHash> stored = users.pinHash(userId);
    boolean matched = hasher.matches(pin, stored.orElse(decoy)) && stored.isPresent();
    Instant now = clock.instant();
    Optional<LoginState> before =
        users.updateLogin(userId, state -> state.after(matched, now, maxFailures, lockout));
    if (before.isEmpty()) {
      return failed();
    }
    LoginState after = before.get().after(matched, now, maxFailures, lockout);
    if (before.get().lockedAt(now) || after.lockedAt(now)) {
      return Answer.refused(
          UserOutcome.USER_LOCKED,
          "too many wrong PINs; locked until " + after.lockedUntil().orElseThrow(),
          "pin");
    }
    return matched ? Answer.of(UserOutcome.OK, userId) : failed();
  }

  /** Links a card the user holds to the user (cards are then recalled, invalidated, reissued). */
  public Answer<UserOutcome, CardId> linkCard(UserId userId, Pin pin, CardId cardId) {
    Answer<UserOutcome, UserId> auth = authenticate(userId, pin);
    if (!auth.success()) {
      return Answer.refused(auth.outcome(), auth.message(), auth.field());
    }
    UserId owner = users.linkCard(userId, cardId, clock.instant());
    if (!owner.equals(userId)) {
      return Answer.refused(
          UserOutcome.CARD_OF_ANOTHER_USER,
          "card " + cardId + " is registered to another user",
          "cardId");
    }
    return Answer.of(UserOutcome.OK, cardId);
  }

  /** Links a card to a user the caller has just authenticated; returns the card's owner. */
  public UserId attachCard(UserId userId, CardId cardId) {
    return users.linkCard(userId, cardId, clock.instant());
  }

  /** Earlier purchases for reissue (S2 ¶36). */
  public Answer<UserOutcome, List<PurchaseRecord>> purchases(UserId userId, Pin pin) {
    Answer<UserOutcome, UserId> auth = authenticate(userId, pin);
    if (!auth.success()) {
      return Answer.refused(auth.outcome(), auth.message(), auth.field());
    }
    return Answer.of(UserOutcome.OK, users.purchases(userId));
  }

  public Optional<UserId> owner(CardId cardId) {
    return users.owner(cardId);
  }

  private static <T> Answer<UserOutcome, T> failed() {
    return Answer.refused(UserOutcome.AUTH_FAILED, "user id or PIN is wrong", "pin");
  }
}
