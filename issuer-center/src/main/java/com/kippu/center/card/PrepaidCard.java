package com.kippu.center.card;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.product.ProductId;
import com.kippu.center.reservation.CardId;
import java.util.Objects;

/**
 * A pre-valued card registered by its issuer. Worthless and refused until activated at issuance (S2
 * ¶42-44); once ACTIVE it carries a value that recharges add to (S2 ¶45).
 */
public record PrepaidCard(
    CardId cardId, ProductId productId, IssuerId issuerId, PrepaidStatus status, long valueYen) {
  public PrepaidCard {
    Objects.requireNonNull(cardId, "cardId");
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(issuerId, "issuerId");
    Objects.requireNonNull(status, "status");
    if (valueYen < 0) {
      throw new IllegalArgumentException("value must not be negative");
    }
  }

  public PrepaidCard activate(long value) {
    if (status != PrepaidStatus.INACTIVE) {
      throw new IllegalStateException("card " + cardId + " is already active");
    }
    return new PrepaidCard(cardId, productId, issuerId, PrepaidStatus.ACTIVE, value);
  }

  public PrepaidCard recharge(long yen) {
    if (status != PrepaidStatus.ACTIVE) {
      throw new IllegalStateException("card " + cardId + " is not active");
    }
    return new PrepaidCard(cardId, productId, issuerId, status, Math.addExact(valueYen, yen));
  }
}
