package com.kippu.center.product;

import com.kippu.center.catalog.IssuerId;
import java.util.Objects;
import java.util.Optional;

/**
 * A product sold onto a card without a seat: a commuter pass on a railway section (with its fare)
 * or a prepaid card (price and the value it carries). Invariants: a commuter pass has a section, a
 * prepaid card has a value and no section; the price is positive.
 */
public record Product(
    ProductId productId,
    IssuerId issuerId,
    CardType cardType,
    String name,
    long priceYen,
    long valueYen,
    Optional<RailSection> section) {

  public Product {
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(issuerId, "issuerId");
    Objects.requireNonNull(cardType, "cardType");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(section, "section");
    if (priceYen <= 0 || valueYen < 0) {
      throw new IllegalArgumentException("price must be positive and value not negative");
    }
    switch (cardType) {
      case COMMUTER_PASS -> {
        if (section.isEmpty()) {
          throw new IllegalArgumentException("a commuter pass needs a railway section");
        }
      }
      case PREPAID -> {
        if (section.isPresent() || valueYen == 0) {
          throw new IllegalArgumentException("a prepaid card carries a value and no section");
        }
      }
      case EVENT_TICKET -> throw new IllegalArgumentException("event tickets are sold by seat");
    }
  }
}
