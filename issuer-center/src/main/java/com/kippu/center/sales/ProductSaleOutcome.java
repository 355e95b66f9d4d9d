package com.kippu.center.sales;

/** Outcomes of product quotes and commuter-pass sales (F7). */
public enum ProductSaleOutcome {
  QUOTED,
  SOLD,
  /** The same request again: the sale made the first time. */
  REPLAYED,
  PRODUCT_NOT_FOUND,
  /** The product is not what the route sells (a prepaid card asked as a pass, or the reverse). */
  WRONG_CARD_TYPE,
  /** The pass would start outside the days it may be bought for. */
  VALIDITY_NOT_ALLOWED,
  AMOUNT_MISMATCH,
  PAYMENT_ALREADY_USED,
  /** The request number names another sale of this terminal. */
  REQUEST_NUMBER_REUSED,
  CARD_LOST,
  /** The card is a pre-valued prepaid card never activated (S2 ¶43): worthless, nothing sold. */
  CARD_NOT_ACTIVE,
  SALE_NOT_FOUND,
  /** No pass was sold under the request, and its payment can pay for none now: taken back. */
  WITHDRAWN,
  /** A pass was sold under the request before its payment could be withdrawn. */
  PASS_SOLD
}
