package com.kippu.center.card;

/**
 * How much more a card may be recharged with now (F11): up to the value it may hold and up to what
 * it may take in the rest of the day. A refusal for a limit carries it, so a terminal can show the
 * customer the amount in their own language instead of the center's words.
 *
 * @param valueRemainingYen what the card may still take before it holds {@code
 *     limits.maxCardValueYen}
 * @param todayRemainingYen what the card may still take today
 */
public record RechargeRoom(long valueRemainingYen, long todayRemainingYen, RechargeLimits limits) {
  /** The limit a refusal with {@code outcome} names, as the API spells it. */
  public static String kind(CardOutcome outcome) {
    return outcome == CardOutcome.VALUE_LIMIT ? "CARD_VALUE" : "PER_DAY";
  }

  public long remainingYen(CardOutcome outcome) {
    return outcome == CardOutcome.VALUE_LIMIT ? valueRemainingYen : todayRemainingYen;
  }

  public long limitYen(CardOutcome outcome) {
    return outcome == CardOutcome.VALUE_LIMIT ? limits.maxCardValueYen() : limits.maxPerDayYen();
  }
}
