package com.kippu.center.user;

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
 * What a registered user's sign-in at a terminal leaves for the card bought in that session (F7
 * with F12, S2 ¶37): a grant bound to the user and the terminal, lapsing after {@link #VALIDITY},
 * that links one card to the user in place of the PIN. A terminal that restarted mid-purchase never
 * has the PIN again (it is never kept), so it journals the grant's id instead; the id is no secret
 * on its own: a link needs the request signed by that terminal and the card's own answer to a
 * challenge (possession), and the first card linked uses the grant up. Asked again for that same
 * card (a retry whose answer was lost), it still holds.
 */
public final class SignInGrants {
  /**
   * Long enough for a purchase and a terminal's restart; short enough to be of little use later.
   */
  public static final Duration VALIDITY = Duration.ofMinutes(30);

  private static final Duration KEPT = Duration.ofDays(1);

  private final SignInGrantRepository grants;
  private final SecureRandom random;
  private final Clock clock;

  public SignInGrants(SignInGrantRepository grants, SecureRandom random, Clock clock) {
    this.grants = grants;
    this.random = random;
    this.clock = clock;
  }

  /** A fresh grant for {@code user}, who just proved their PIN at {@code terminal}. */
  public SignInGrant issue(UserId user, TerminalId terminal) {
    Instant now = now();
    byte[] id = new byte[16];
    random.nextBytes(id);
    SignInGrant grant =
        new SignInGrant(
            "SG-" + HexFormat.of().formatHex(id),
            user,
            terminal,
            now.plus(VALIDITY),
            Optional.empty());
    grants.add(grant, now.minus(KEPT));
    return grant;
  }

  /**
   * Why grant {@code grantId} does not let {@code terminal} link {@code card} to {@code user};
   * empty when it does, the card now recorded as the grant's one card.
   */
  public Optional<String> refusal(String grantId, UserId user, TerminalId terminal, CardId card) {
    Instant now = now();
    Optional<SignInGrant> found =
        grants.use(grantId, card, g -> why(g, user, terminal, now).isEmpty());
    if (found.isEmpty()) {
      return Optional.of("no sign-in " + grantId);
    }
    SignInGrant g = found.get();
    Optional<String> why = why(g, user, terminal, now);
    if (why.isPresent()) {
      return why;
    }
    if (g.cardId().isPresent() && !g.cardId().get().equals(card)) {
      return Optional.of("sign-in " + grantId + " linked another card already");
    }
    return Optional.empty();
  }

  private static Optional<String> why(
      SignInGrant g, UserId user, TerminalId terminal, Instant now) {
    if (!g.userId().equals(user) || !g.terminalId().equals(terminal)) {
      return Optional.of("sign-in " + g.grantId() + " is another user's or terminal's");
    }
    if (!now.isBefore(g.expiresAt())) {
      return Optional.of("sign-in " + g.grantId() + " has lapsed");
    }
    return Optional.empty();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
