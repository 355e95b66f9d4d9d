package com.kippu.atm.card;

import com.kippu.atm.payment.AccountNumber;
import java.util.Objects;
import java.util.Optional;

/**
 * What the card's chip area tells the terminal (S1 ¶41, ¶56): the card's id, its holder, the
 * account the holder pays from, and the e-money balance held on the card. A card fresh from a
 * kiosk's stocker (blank, or pre-valued, S2 ¶41) names no holder and no account.
 */
public record ChipData(
    CardId cardId, String holderName, Optional<AccountNumber> account, long emoneyYen) {
  public ChipData {
    Objects.requireNonNull(cardId, "cardId");
    Objects.requireNonNull(holderName, "holderName");
    Objects.requireNonNull(account, "account");
  }

  /** A card whose chip names the account its holder pays from. */
  public ChipData(CardId cardId, String holderName, AccountNumber account, long emoneyYen) {
    this(cardId, holderName, Optional.of(account), emoneyYen);
  }

  /** The account the holder pays from; only for a card that names one. */
  public AccountNumber requiredAccount() {
    return account.orElseThrow(
        () -> new IllegalStateException("card " + cardId + " names no account"));
  }
}
