package com.kippu.center.card;

/**
 * A recharge the center would take now: the card as it stands, the amount asked, what the card was
 * recharged with today so far, and the limits that applied.
 */
public record RechargeCheck(
    PrepaidCard card, long amountYen, long rechargedTodayYen, RechargeLimits limits) {
  public long valueAfterYen() {
    return card.valueYen() + amountYen;
  }
}
