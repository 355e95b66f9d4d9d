package com.kippu.center.card;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.product.ProductId;
import com.kippu.center.reservation.CardId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Port to prepaid card ids and their sales. */
public interface PrepaidRepository {
  /** Registers card ids INACTIVE; ids already known are left alone. Returns how many were new. */
  int register(IssuerId issuerId, ProductId productId, List<CardId> cardIds, Instant at);

  Optional<PrepaidCard> find(CardId cardId);

  <T> T write(Function<PrepaidStore, T> work);

  /** The card's recharges not yet reported on its chip, oldest first ({@link PurseLoads}). */
  List<PendingLoad> pendingLoads(CardId cardId);

  /**
   * Marks the card's load {@code transactionId} as on the chip (once; a repeat keeps the first
   * time); false when no such load was recorded.
   */
  boolean loaded(CardId cardId, String transactionId, Instant at);
}
