package com.kippu.center.product;

import com.kippu.center.catalog.IssuerId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port to the non-seat products of the catalog. */
public interface ProductRepository {

  /** Products of one card type, by issuer then name. */
  List<Product> products(CardType type);

  Optional<Product> find(ProductId productId);

  /**
   * Creates or replaces the product on behalf of {@code owner}; false (and nothing written) when
   * the product id belongs to another issuer.
   */
  boolean upsert(IssuerId owner, Product product, Instant at);
}
