package com.kippu.atm.card;

import com.kippu.devices.CardAccessExchange;
import java.util.Objects;

/**
 * A card unlocked for this terminal: its id and the record key it handed over ({@link CardAccess}),
 * good for the card in the reader now and never stored.
 */
public record CardKey(CardId cardId, byte[] key) {
  public CardKey {
    Objects.requireNonNull(cardId, "cardId");
    if (key.length != CardAccessExchange.RECORD_KEY_LENGTH) {
      throw new IllegalArgumentException("a card record key is 32 bytes");
    }
    key = key.clone();
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CardKey k
        && k.cardId.equals(cardId)
        && java.security.MessageDigest.isEqual(k.key, key);
  }

  @Override
  public int hashCode() {
    return cardId.hashCode();
  }

  @Override
  public String toString() {
    return "CardKey[" + cardId + ", key hidden]";
  }
}
