package com.kippu.center.product;

import com.kippu.center.common.Ids;

/** A non-seat product of the catalog, e.g. {@code jr-shinjuku-shibuya-1m}. */
public record ProductId(String value) {
  public ProductId {
    Ids.slug("product id", value);
  }

  @Override
  public String toString() {
    return value;
  }
}
