package com.kippu.center.sales;

import com.kippu.center.card.CardStanding;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.common.Answer;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.PurseRecord;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The checks every sale makes of the card it sells onto and of the purse that pays, whatever is
 * sold (tickets, passes, card applications): a pre-valued prepaid card its issuer never activated
 * (S2 ¶42-43) gets nothing and its purse pays for nothing, and the purse of a card reported lost or
 * invalidated by its issuer pays for nothing, its value having moved to the new card at the
 * reissue.
 */
public final class PayingCards {
  /** Refuses nothing: for tests of the sales paths that have no cards to lose. */
  public static final PayingCards NONE =
      new PayingCards(card -> false, CardStanding.NONE, card -> Optional.empty());

  /** Why a sale is refused, and the request field named for it. */
  public record Refusal(Kind kind, String detail, String field) {
    /** The refusal of a product sale, with the codes the ticket paths use. */
    public <T> Answer<ProductSaleOutcome, T> answer() {
      return Answer.refused(
          kind == Kind.LOST ? ProductSaleOutcome.CARD_LOST : ProductSaleOutcome.CARD_NOT_ACTIVE,
          detail,
          field);
    }
  }

  /** What is wrong with the card. */
  public enum Kind {
    /** Reported lost, or invalidated by its issuer. */
    LOST,
    /** A pre-valued prepaid card never activated. */
    NOT_ACTIVE
  }

  private final Predicate<CardId> neverActivated;
  private final CardStanding cards;
  private final Function<CardId, Optional<IssuerId>> purseIssuers;

  /**
   * @param neverActivated tells a pre-valued prepaid card its issuer has not activated
   * @param cards what may go onto a card at all (lost cards, the issuers' invalidations)
   * @param purseIssuers names the issuer of a prepaid card whose purse pays, so that issuer's
   *     invalidation of the card stops its purse paying as a loss reported here does
   */
  public PayingCards(
      Predicate<CardId> neverActivated,
      CardStanding cards,
      Function<CardId, Optional<IssuerId>> purseIssuers) {
    this.neverActivated = neverActivated;
    this.cards = cards;
    this.purseIssuers = purseIssuers;
  }

  /** What may go onto a card at all. */
  public CardStanding standing() {
    return cards;
  }

  /**
   * Why the purse that paid may not pay: its card was reported lost here, or its issuer invalidated
   * it. A lost card's value at the center moves to the new card at the reissue, so what the old
   * chip still shows would be spent twice.
   */
  public Optional<Refusal> lostPurse(PaymentProof p) {
    if (p.purse() == null) {
      return Optional.empty();
    }
    CardId purse = p.purse().purseId();
    Optional<IssuerId> issuer = purseIssuers.apply(purse);
    return (issuer.isPresent() ? cards.refusal(purse, issuer.get()) : cards.refusal(purse))
        .map(
            why ->
                new Refusal(
                    Kind.LOST,
                    "the purse that paid cannot pay: " + why,
                    "payment.details.purseId"));
  }

  /** Why {@code card}, or the purse that paid, is a prepaid card never activated. */
  public Optional<Refusal> notActivated(CardId card, PaymentProof p) {
    return Stream.concat(Stream.of(card), Stream.ofNullable(p.purse()).map(PurseRecord::purseId))
        .filter(neverActivated)
        .findFirst()
        .map(
            worthless ->
                new Refusal(
                    Kind.NOT_ACTIVE,
                    "card "
                        + worthless
                        + " is a prepaid card its issuer never activated: it buys nothing and"
                        + " nothing is issued onto it",
                    worthless.equals(card) ? "cardId" : "payment.details.purseId"));
  }

  /** The not-activated and lost-purse checks, in that order. */
  public Optional<Refusal> refusal(CardId card, PaymentProof p) {
    Optional<Refusal> worthless = notActivated(card, p);
    return worthless.isPresent() ? worthless : lostPurse(p);
  }
}
