package com.kippu.center.card;

import com.kippu.center.common.Yen;

/**
 * What one card may be recharged with (S2 ¶45; F11): the value it may hold after a recharge and the
 * sum of its recharges in one calendar day of the center's zone. Keys {@code
 * center.recharge.max-card-value-yen} (default 50 000) and {@code center.recharge.max-per-day-yen}
 * (default 30 000).
 */
public record RechargeLimits(long maxCardValueYen, long maxPerDayYen) {
  public static final RechargeLimits DEFAULT = new RechargeLimits(50_000, 30_000);

  public RechargeLimits {
    if (maxCardValueYen < 1 || maxCardValueYen > Yen.MAX_CARD_VALUE) {
      throw new IllegalArgumentException(
          "center.recharge.max-card-value-yen must be 1 to " + Yen.MAX_CARD_VALUE);
    }
    if (maxPerDayYen < 1 || maxPerDayYen > Yen.MAX_CARD_VALUE) {
      throw new IllegalArgumentException(
          "center.recharge.max-per-day-yen must be 1 to " + Yen.MAX_CARD_VALUE);
    }
  }
}
