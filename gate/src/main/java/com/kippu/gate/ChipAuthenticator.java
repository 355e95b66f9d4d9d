package com.kippu.gate;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.IcCard;
import com.kippu.devices.CardAuthentication;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Refuses copied cards: a fresh random challenge goes to the card (ISO 7816-4 INTERNAL
 * AUTHENTICATE) and its answer must be HMAC-SHA256 under the card's own key, which the gate derives
 * from the issuer's card authentication master key and the card id. A card image copied through a
 * reader carries the chip area and the records but never the key, so it cannot answer.
 */
public final class ChipAuthenticator implements CardAuthenticator {
  private static final int CHALLENGE_LENGTH = 16;

  private final byte[] master;
  private final SecureRandom random;

  public ChipAuthenticator(byte[] authenticationMaster, SecureRandom random) {
    if (authenticationMaster.length != CardAuthentication.KEY_LENGTH) {
      throw new IllegalArgumentException("card authentication master key must be 32 bytes");
    }
    this.master = authenticationMaster.clone();
    this.random = random;
  }

  @Override
  public Optional<String> refusal(IcCard card, CardId cardId) {
    byte[] challenge = new byte[CHALLENGE_LENGTH];
    random.nextBytes(challenge);
    byte[] answer;
    try {
      answer = card.authenticate(challenge);
    } catch (CardException e) {
      return Optional.of("card " + cardId + " did not answer the challenge: " + e.getMessage());
    }
    byte[] expected =
        CardAuthentication.response(CardAuthentication.cardKey(master, cardId.value()), challenge);
    return MessageDigest.isEqual(expected, answer)
        ? Optional.empty()
        : Optional.of("card " + cardId + " answered the challenge with another key");
  }
}
