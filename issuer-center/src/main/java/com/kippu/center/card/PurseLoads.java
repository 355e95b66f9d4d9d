package com.kippu.center.card;

import com.kippu.center.common.Answer;
import com.kippu.center.reservation.CardId;
import java.time.Clock;
import java.util.List;

/**
 * Recharges recorded here whose value is not yet on the chip (F11). A terminal that recorded a
 * recharge but could not write the purse (the card was taken out, the reader failed, the terminal
 * stopped) leaves the value here as a pending load. Any terminal with an e-money reader asks for
 * the card's pending loads when the card is inserted, writes each under its own purse transaction
 * id, and reports it loaded. The value is the customer's from the moment the recharge is recorded.
 * Nothing is loaded onto a card reported lost: its value, pending loads included, moved to the new
 * card at the reissue.
 */
public final class PurseLoads {
  private final PrepaidRepository cards;
  private final Clock clock;

  public PurseLoads(PrepaidRepository cards, Clock clock) {
    this.cards = cards;
    this.clock = clock;
  }

  /** The card's loads not yet reported on its chip, oldest first. */
  public Answer<CardOutcome, List<PendingLoad>> pending(CardId card) {
    if (cards.find(card).isEmpty()) {
      return Answer.refused(
          CardOutcome.CARD_UNKNOWN, "card " + card + " is not a registered prepaid card", "cardId");
    }
    if (cards.write(store -> store.lost(card))) {
      return Answer.refused(
          CardOutcome.CARD_LOST,
          "card " + card + " was reported lost: its value moved to the new card",
          "cardId");
    }
    return Answer.of(CardOutcome.OK, cards.pendingLoads(card));
  }

  /** A terminal found load {@code transactionId} on the card's chip; a repeat is answered alike. */
  public Answer<CardOutcome, String> loaded(CardId card, String transactionId) {
    if (!cards.loaded(card, transactionId, clock.instant())) {
      return Answer.refused(
          CardOutcome.CARD_UNKNOWN,
          "no load " + transactionId + " was recorded for card " + card,
          "transactionId");
    }
    return Answer.of(CardOutcome.OK, transactionId);
  }
}
