package com.kippu.atm.card;

import java.util.Objects;

/**
 * A card unlocked for this terminal: its id and the record key it handed over ({@link CardAccess}),
 * good for the card in the reader now and never stored.
 */
public record CardKey(CardId cardId, byte[] key) {
  /** AES-256. */
  public static final int LENGTH = 32;

  public CardKey {
    Objects.requireNonNull(cardId, "cardId");
    if (key.length != LENGTH) {
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
