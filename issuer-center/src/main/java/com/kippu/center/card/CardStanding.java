package com.kippu.center.card;

import com.kippu.center.catalog.CatalogRepository;
import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.reservation.CardId;
import java.util.Optional;

/**
 * Whether anything may go onto a card (S2 ¶38-40): nothing is quoted, held, sold, issued or
 * activated onto a card reported lost at the center, nor onto one the issuer of what is sold says
 * it invalidated. The center's own record is read first and always; the issuer's local server is
 * asked when it has an endpoint, and its silence does not stop a sale (every loss reported at a
 * terminal is recorded here before the issuer hears of it, so the center's record is never behind
 * the issuer's for those).
 *
 * <p>A pre-valued card's value is the issuer's (F10, S2 ¶43): the issuer's server activates it and
 * is asked before its value is used or added to. There its silence refuses: a card the issuer never
 * activated, or invalidated on its own, must not pay or be recharged while its server is down. An
 * issuer that runs no server leaves the center's own record the authority.
 */
public final class CardStanding {
  /** Refuses nothing: for tests of the sales paths that have no cards to lose. */
  public static final CardStanding NONE = new CardStanding(null, null, IssuerCardStatus.NONE);

  private final CardRepository cards;
  private final CatalogRepository catalog;
  private final IssuerCardStatus issuers;

  public CardStanding(CardRepository cards, CatalogRepository catalog, IssuerCardStatus issuers) {
    this.cards = cards;
    this.catalog = catalog;
    this.issuers = issuers;
  }

  /** Why nothing may go onto {@code card} at all; empty when the center knows of no loss. */
  public Optional<String> refusal(CardId card) {
    if (cards == null) {
      return Optional.empty();
    }
    return cards.lostAt(card).map(at -> "card " + card + " was reported lost or stolen at " + at);
  }

  /** Why nothing of {@code issuer} may go onto {@code card}; empty when it may. */
  public Optional<String> refusal(CardId card, IssuerId issuer) {
    Optional<String> lost = refusal(card);
    if (lost.isPresent()) {
      return lost;
    }
    return issuers.status(issuer, card) == IssuerCardStatus.Status.INVALIDATED
        ? Optional.of("issuer " + issuer + " has invalidated card " + card)
        : Optional.empty();
  }

  /** Why the issuer does not let a pre-valued card be activated, used or recharged. */
  public record IssuerRefusal(IssuerCardStatus.Status status, String detail) {
    /** The issuer's server did not answer (rather than refusing). */
    public boolean unavailable() {
      return status == IssuerCardStatus.Status.NO_ANSWER;
    }
  }

  /**
   * Why the value of pre-valued {@code card} of {@code issuer} may not be used or added to, by its
   * issuer's word; empty when the issuer has it active or runs no server.
   */
  public Optional<IssuerRefusal> prepaidRefusal(CardId card, IssuerId issuer) {
    return prepaid(card, issuer, issuers.status(issuer, card));
  }

  /**
   * Has {@code issuer} activate its pre-valued {@code card} after payment; empty when it did (or
   * runs no server), otherwise why not. Nothing is activated at the center without it.
   */
  public Optional<IssuerRefusal> activate(CardId card, IssuerId issuer) {
    return prepaid(card, issuer, issuers.activate(issuer, card));
  }

  private static Optional<IssuerRefusal> prepaid(
      CardId card, IssuerId issuer, IssuerCardStatus.Status status) {
    return switch (status) {
      case ACTIVE, NO_SERVER -> Optional.empty();
      case NO_ANSWER ->
          Optional.of(
              new IssuerRefusal(
                  status,
                  "issuer "
                      + issuer
                      + " did not answer for card "
                      + card
                      + "; a pre-valued card's value is not used without its issuer"));
      case NOT_ACTIVATED ->
          Optional.of(
              new IssuerRefusal(
                  status,
                  "issuer " + issuer + " never activated card " + card + ": it is worthless"));
      case INVALIDATED ->
          Optional.of(
              new IssuerRefusal(status, "issuer " + issuer + " has invalidated card " + card));
      case VALID, UNKNOWN ->
          Optional.of(
              new IssuerRefusal(
                  status, "issuer " + issuer + " did not issue card " + card + " as pre-valued"));
    };
  }

  /** Why no ticket of {@code event} may go onto {@code card}; empty when it may. */
  public Optional<String> refusalForEvent(CardId card, EventId event) {
    Optional<String> lost = refusal(card);
    if (lost.isPresent() || catalog == null) {
      return lost;
    }
    Optional<IssuerId> issuer = catalog.event(event).map(e -> e.issuerId());
    return issuer.isEmpty() ? Optional.empty() : refusal(card, issuer.get());
  }
}
