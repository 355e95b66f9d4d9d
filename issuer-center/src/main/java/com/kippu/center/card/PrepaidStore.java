package com.kippu.center.card;

import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.PaymentUse;
import java.util.Optional;

/** Prepaid state inside one transaction (see {@link PrepaidRepository}). */
public interface PrepaidStore {
  /** The card, locked for the rest of a write transaction. */
  Optional<PrepaidCard> card(CardId cardId);

  boolean lost(CardId cardId);

  /** The sum of the card's recharges recorded at or after {@code since}. */
  long rechargedSince(CardId cardId, java.time.Instant since);

  /** What {@code proof} is recorded for, if anything (see {@link PaymentUse}). */
  Optional<PaymentUse> paymentUse(PaymentProof proof);

  /**
   * Card sale {@code saleId} (card, kind and value after), paid by {@code payment}: the caller has
   * found that proof recorded for it.
   */
  Optional<CardSale> sale(String saleId, PaymentProof payment);

  /** Records the sale and its payment, and stores the card as it is after it. */
  void record(CardSale sale);

  /**
   * Records the purse load a recharge's value is to be written under ({@link PurseLoads}); a sale
   * or an id already recorded keeps its first recording.
   */
  void recordLoad(PendingLoad load);
}
