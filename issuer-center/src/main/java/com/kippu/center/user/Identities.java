package com.kippu.center.user;

import com.kippu.center.common.Answer;
import com.kippu.center.reservation.TerminalId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;

/**
 * Identity checks and face photos of registrations (S2 ¶35, ¶37, ¶39). An operator checks a
 * registration against a document shown in person, once; the cards that need it (a commuter pass in
 * the registered name, a card with the face photo) are issued only to checked registrations. The
 * user stores a face photo (a PNG of at most {@value #MAX_PHOTO_BYTES} bytes) with their PIN; the
 * kiosk prints it on the face of such cards.
 */
public final class Identities {
  /** Within a request body of at most 64 KiB once in base64. */
  public static final int MAX_PHOTO_BYTES = 40 * 1024;

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private final IdentityRepository identities;
  private final UserService users;
  private final Clock clock;

  public Identities(IdentityRepository identities, UserService users, Clock clock) {
    this.identities = identities;
    this.users = users;
    this.clock = clock;
  }

  /** The operator's check; the first one stands. */
  public Answer<UserOutcome, IdentityCheck> check(UserId user, String operator, String document) {
    return check(user, operator, document, Optional.empty());
  }

  /**
   * The operator's check, with the face photo the operator took at the counter (S2 ¶39), stored (or
   * replaced) on the operator's authority.
   */
  public Answer<UserOutcome, IdentityCheck> check(
      UserId user, String operator, String document, Optional<byte[]> photo) {
    if (photo.isPresent() && !isPng(photo.get())) {
      return invalidPhoto();
    }
    Optional<IdentityCheck> done =
        identities.check(
            new IdentityCheck(
                user, operator, document, clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    if (done.isPresent() && photo.isPresent()) {
      identities.storePhoto(user, photo.get(), clock.instant());
    }
    return done.map(c -> Answer.of(UserOutcome.OK, c))
        .orElseGet(() -> Answer.refused(UserOutcome.USER_NOT_FOUND, "no user " + user, "userId"));
  }

  /**
   * A card issued in a registered user's name (a commuter pass with the registered face photo, S2
   * ¶37, ¶39): the user proves who they are with their PIN, an operator must have checked the
   * registration, and the card carries the registered name, not another one typed in.
   */
  public Answer<UserOutcome, IdentityCheck> confirmHolder(
      TerminalId terminal, UserId user, Pin pin, String holderName) {
    Answer<UserOutcome, UserId> auth = users.authenticate(terminal, user, pin);
    if (!auth.success()) {
      return Answer.refused(auth.outcome(), auth.message(), auth.field());
    }
    Optional<IdentityCheck> check = identities.checkOf(user);
    if (check.isEmpty()) {
      return Answer.refused(
          UserOutcome.IDENTITY_NOT_CHECKED,
          "an operator has not checked the identity of registration " + user,
          "registeredUser");
    }
    if (!users.profile(user).map(p -> p.name().equals(holderName)).orElse(false)) {
      return Answer.refused(
          UserOutcome.NOT_THE_REGISTERED_NAME,
          "the holder is not the name registered under " + user,
          "holder.name");
    }
    return Answer.of(UserOutcome.OK, check.get());
  }

  public Optional<IdentityCheck> checkOf(UserId user) {
    return identities.checkOf(user);
  }

  /** Stores the user's face photo, the user authenticated by their PIN. */
  public Answer<UserOutcome, Integer> storePhoto(
      TerminalId terminal, UserId user, Pin pin, byte[] png) {
    Answer<UserOutcome, UserId> auth = users.authenticate(terminal, user, pin);
    if (!auth.success()) {
      return Answer.refused(auth.outcome(), auth.message(), auth.field());
    }
    if (!isPng(png)) {
      return invalidPhoto();
    }
    identities.storePhoto(user, png, clock.instant());
    return Answer.of(UserOutcome.OK, png.length);
  }

  private static boolean isPng(byte[] png) {
    return png.length <= MAX_PHOTO_BYTES
        && png.length >= PNG.length
        && Arrays.equals(Arrays.copyOf(png, PNG.length), PNG);
  }

  private static <T> Answer<UserOutcome, T> invalidPhoto() {
    return Answer.refused(
        UserOutcome.INVALID_PHOTO,
        "the face photo must be a PNG of at most " + MAX_PHOTO_BYTES + " bytes",
        "facePhoto");
  }

  public Optional<byte[]> photo(UserId user) {
    return identities.photo(user);
  }
}
