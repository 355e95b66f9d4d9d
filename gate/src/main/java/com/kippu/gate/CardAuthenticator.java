package com.kippu.gate;

import com.kippu.atm.card.CardId;
import com.kippu.atm.card.IcCard;
import java.util.Optional;

/**
 * Proves that the presented card is the chip the tickets were issued to, not a copy of its image: a
 * fresh challenge the card answers with a secret that never leaves the chip.
 */
public interface CardAuthenticator {

  /** Why the card is refused as a copy, or empty when it proved itself. */
  Optional<String> refusal(IcCard card, CardId cardId);
}
