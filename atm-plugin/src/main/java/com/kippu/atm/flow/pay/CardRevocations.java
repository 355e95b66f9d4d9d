package com.kippu.atm.flow.pay;

import com.kippu.atm.card.CardId;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.RevocationList;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Whether a card is on the center's signed revocation list (S2 ¶40), three ways: revoked, clear, or
 * unknown. The list is asked for at each check; when the center cannot be asked, the last list
 * verified here stands in while it is younger than {@code maxAge}. Older, or never had, the card's
 * standing is unknown. A purse payment goes ahead only on a clear card: a lost card's value moves
 * to its new card at the reissue, so the old chip must not spend it, and a list too old to name a
 * recent loss cannot say the card is clear.
 */
public final class CardRevocations {
  /** How old the last list may be when the center cannot be asked for a new one. */
  public static final Duration MAX_AGE = Duration.ofMinutes(15);

  private static final Logger LOG = Logger.getLogger(CardRevocations.class.getName());

  /** Where the list comes from: the center, its signature verified. */
  @FunctionalInterface
  public interface Source {
    RevocationList fetch() throws CenterException;
  }

  /** A card's standing on the list. */
  public enum Standing {
    CLEAR,
    REVOKED,
    /** No list young enough to tell. */
    UNKNOWN
  }

  /** A card's standing and, when revoked, the list's reason. */
  public record Check(Standing standing, Optional<String> reason) {
    static Check of(Optional<String> revoked) {
      return new Check(revoked.isPresent() ? Standing.REVOKED : Standing.CLEAR, revoked);
    }
  }

  private final Source source;
  private final Clock clock;
  private final Duration maxAge;
  private RevocationList last;

  public CardRevocations(Source source, Clock clock, Duration maxAge) {
    this.source = source;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  /** The card's standing on the newest list at hand. */
  public synchronized Check check(CardId card) {
    try {
      RevocationList fresh = source.fetch();
      if (last == null || fresh.version() >= last.version()) {
        last = fresh;
      }
    } catch (CenterException e) {
      LOG.warning("revocation list unavailable: " + e.getMessage());
    }
    if (last == null || last.age(clock.instant()).compareTo(maxAge) > 0) {
      return new Check(Standing.UNKNOWN, Optional.empty());
    }
    return Check.of(last.cardRevoked(card.value()));
  }
}
