package com.kippu.devices;

import java.util.Objects;

/**
 * The chip area of a Kippu IC card as read by {@link IcCardReaderWriter#readChip()}: the card's id,
 * its holder, the bank account the holder pays from (e.g. {@code 0001-001-1234567}) and the e-money
 * balance held on the card, in yen (never negative).
 */
public record ChipData(
    String cardId, String holderName, String accountReference, long emoneyBalanceYen) {

  public ChipData {
    Objects.requireNonNull(cardId, "cardId");
    Objects.requireNonNull(holderName, "holderName");
    Objects.requireNonNull(accountReference, "accountReference");
    if (cardId.isBlank()) {
      throw new IllegalArgumentException("cardId must not be blank");
    }
    if (emoneyBalanceYen < 0) {
      throw new IllegalArgumentException("emoneyBalanceYen must not be negative");
    }
  }
}
