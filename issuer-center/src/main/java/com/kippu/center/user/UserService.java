package com.kippu.center.user;

import com.kippu.center.common.Answer;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.TerminalId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Registered users (F12, S2 ¶35-37): registration with a PIN kept only as a slow salted hash,
 * authentication by user id and PIN with a lockout after repeated wrong PINs for the user and a
 * throttle for the terminal they came from (PIN spraying across user ids), cards linked to the
 * user, and recall of the profile and earlier purchases. Unknown users and wrong PINs get the same
 * answer and take the same time. The PIN is hashed outside any transaction; only the count updates
 * are transactional. A throttled terminal's attempts are refused before any PIN is looked at.
 */
public final class UserService {
  /**
   * How many wrong PINs a user may make before a lockout, and how long it lasts; how many wrong
   * PINs (any user ids) one terminal may send in a window before it is blocked for that window.
   */
  public record Limits(
      int maxFailures, Duration lockout, int terminalMaxFailures, Duration terminalWindow) {
    public Limits {
      if (maxFailures < 1 || terminalMaxFailures < 1) {
        throw new IllegalArgumentException("failure limits must be at least 1");
      }
      if (lockout.isNegative()
          || lockout.isZero()
          || terminalWindow.isNegative()
          || terminalWindow.isZero()) {
        throw new IllegalArgumentException("lockout and window must be positive");
      }
    }
  }

  /** Checks that a card is in the terminal (see the card package's challenges). */
  @FunctionalInterface
  public interface PossessionCheck {
    /** Why the proof does not show the card is in the terminal; empty when it does. */
    Optional<String> refusal(CardId card, TerminalId terminal);
  }

  private final UserRepository users;
  private final PinHasher hasher;
  private final Clock clock;
  private final Limits limits;
  private final PinHash decoy;
  private final SignInGrants grants;

  public UserService(
      UserRepository users, PinHasher hasher, Clock clock, Limits limits, SignInGrants grants) {
    this.users = users;
    this.grants = grants;
    this.hasher = hasher;
    this.clock = clock;
    this.limits = limits;
    this.decoy = hasher.hash(new Pin("000000"));
  }

  public Answer<UserOutcome, UserProfile> register(UserProfile profile, Pin pin) {
    if (!users.create(profile, hasher.hash(pin), clock.instant())) {
      return Answer.refused(
          UserOutcome.USER_EXISTS, "user id " + profile.userId() + " is taken", "userId");
    }
    return Answer.of(UserOutcome.REGISTERED, profile);
  }

  /**
   * User id + PIN from {@code terminal}; a wrong PIN counts towards the user's lockout and the
   * terminal's throttle.
   */
  public Answer<UserOutcome, UserId> authenticate(TerminalId terminal, UserId userId, Pin pin) {
    return attempt(
        terminal,
        userId,
        "pin",
        () -> {
          Optional<PinHash> stored = users.pinHash(userId);
          return hasher.matches(pin, stored.orElse(decoy)) && stored.isPresent();
        });
  }

  /**
   * One attempt at a user's secret from {@code terminal} (the PIN, or the home PC's password named
   * by {@code field}): a failure counts towards the same lockout of the user and the same throttle
   * of the terminal, so a guesser gains nothing by switching secrets. A throttled terminal's
   * attempt is refused before {@code matches} is asked.
   */
  public Answer<UserOutcome, UserId> attempt(
      TerminalId terminal, UserId userId, String field, BooleanSupplier matches) {
    Instant now = clock.instant();
    Optional<Answer<UserOutcome, UserId>> throttled = throttled(terminal, now, field);
    if (throttled.isPresent()) {
      return throttled.get();
    }
    boolean matched = matches.getAsBoolean();
    Optional<LoginState> before =
        users.updateLogin(
            userId, state -> state.after(matched, now, limits.maxFailures(), lockout()));
    boolean locked =
        before.isPresent()
            && (before.get().lockedAt(now)
                || before.get().after(matched, now, limits.maxFailures(), lockout()).lockedAt(now));
    if (!matched || locked) {
      failedAt(terminal, now);
    }
    if (before.isEmpty()) {
      return failed(field);
    }
    if (locked) {
      LoginState after = before.get().after(matched, now, limits.maxFailures(), lockout());
      return Answer.refused(
          UserOutcome.USER_LOCKED,
          "too many wrong "
              + secrets(field)
              + "; locked until "
              + after.lockedUntil().orElseThrow(),
          field);
    }
    return matched ? Answer.of(UserOutcome.OK, userId) : failed(field);
  }

  /**
   * A PIN block that did not open (another key, another user id, tampering) from {@code terminal}:
   * counted towards the terminal's throttle like a wrong PIN.
   */
  public Answer<UserOutcome, UserId> unreadablePin(TerminalId terminal) {
    Instant now = clock.instant();
    Optional<Answer<UserOutcome, UserId>> throttled = throttled(terminal, now, "pin");
    if (throttled.isPresent()) {
      return throttled.get();
    }
    failedAt(terminal, now);
    return failed("pin");
  }

  /**
   * Links a card the user holds to the user (cards are then recalled, invalidated, reissued): the
   * user authenticates, then the card proves it is in {@code terminal}.
   */
  public Answer<UserOutcome, CardId> linkCard(
      TerminalId terminal, UserId userId, Pin pin, CardId cardId, PossessionCheck possession) {
    Answer<UserOutcome, UserId> auth = authenticate(terminal, userId, pin);
    if (!auth.success()) {
      return Answer.refused(auth.outcome(), auth.message(), auth.field());
    }
    Optional<String> absent = possession.refusal(cardId, terminal);
    if (absent.isPresent()) {
      return Answer.refused(UserOutcome.CARD_NOT_PRESENT, absent.get(), "cardProof");
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

  /**
   * Links a card the user holds to the user on the strength of their sign-in at {@code terminal}
   * ({@link SignInGrants}) instead of the PIN, which a terminal that restarted mid-purchase no
   * longer has: the card proves it is in the terminal, as with the PIN.
   */
  public Answer<UserOutcome, CardId> linkCardSignedIn(
      TerminalId terminal,
      UserId userId,
      String grantId,
      CardId cardId,
      PossessionCheck possession) {
    Optional<String> absent = possession.refusal(cardId, terminal);
    if (absent.isPresent()) {
      return Answer.refused(UserOutcome.CARD_NOT_PRESENT, absent.get(), "cardProof");
    }
    Optional<String> refused = grants.refusal(grantId, userId, terminal, cardId);
    if (refused.isPresent()) {
      return Answer.refused(UserOutcome.SIGN_IN_NOT_VALID, refused.get(), "signInGrant");
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

  /** What a user's id and PIN recall (S2 ¶36): the profile that fills forms, earlier purchases. */
  public record Recall(
      UserProfile profile,
      List<UserCard> cards,
      List<PurchaseRecord> purchases,
      SignInGrant signIn) {
    public Recall {
      cards = List.copyOf(cards);
      purchases = List.copyOf(purchases);
    }
  }

  /**
   * The profile and earlier purchases for reissue (S2 ¶36), and a grant of this sign-in at {@code
   * terminal} that links the card bought in the session to the user without the PIN.
   */
  public Answer<UserOutcome, Recall> recall(TerminalId terminal, UserId userId, Pin pin) {
    Answer<UserOutcome, UserId> auth = authenticate(terminal, userId, pin);
    if (!auth.success()) {
      return Answer.refused(auth.outcome(), auth.message(), auth.field());
    }
    UserProfile profile = users.profile(userId).orElseThrow();
    return Answer.of(
        UserOutcome.OK,
        new Recall(
            profile, users.cards(userId), users.purchases(userId), grants.issue(userId, terminal)));
  }

  /** The registration's attributes, for a caller that authenticated the user. */
  public Optional<UserProfile> profile(UserId userId) {
    return users.profile(userId);
  }

  public Optional<UserId> owner(CardId cardId) {
    return users.owner(cardId);
  }

  private Optional<Answer<UserOutcome, UserId>> throttled(
      TerminalId terminal, Instant now, String field) {
    TerminalThrottle state = users.updateThrottle(terminal, t -> t);
    if (!state.blockedAt(now)) {
      return Optional.empty();
    }
    return Optional.of(
        Answer.refused(
            UserOutcome.TERMINAL_THROTTLED,
            "too many wrong "
                + secrets(field)
                + " from terminal "
                + terminal
                + "; user sign-in there is blocked until "
                + state.blockedUntil().orElseThrow(),
            field));
  }

  private void failedAt(TerminalId terminal, Instant now) {
    users.updateThrottle(
        terminal,
        t ->
            t.after(
                true,
                now,
                limits.terminalMaxFailures(),
                limits.terminalWindow(),
                limits.terminalWindow()));
  }

  private Duration lockout() {
    return limits.lockout();
  }

  private static <T> Answer<UserOutcome, T> failed(String field) {
    return Answer.refused(
        UserOutcome.AUTH_FAILED,
        "user id or " + ("pin".equals(field) ? "PIN" : field) + " is wrong",
        field);
  }

  private static String secrets(String field) {
    return "pin".equals(field) ? "PINs" : field + "s";
  }
}
