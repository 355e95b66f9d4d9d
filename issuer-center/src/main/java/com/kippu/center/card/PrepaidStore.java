package com.kippu.center.card;

import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.PaymentMethod;
import java.util.Optional;

/** Prepaid state inside one transaction (see {@link PrepaidRepository}). */
public interface PrepaidStore {
  /** The card, locked for the rest of a write transaction. */
  Optional<PrepaidCard> card(CardId cardId);

  boolean lost(CardId cardId);

  /** The card sale this payment proof already paid, if any: card, kind and value after. */
  Optional<CardSale> saleByPayment(PaymentMethod method, String reference);

  /** Records the sale and stores the card as it is after it. */
  void record(CardSale sale);
}
