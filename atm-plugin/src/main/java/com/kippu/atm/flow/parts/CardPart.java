package com.kippu.atm.flow.parts;

import com.kippu.atm.card.CardId;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.flow.Fact;
import java.util.Map;
import java.util.Optional;

/**
 * The customer's IC card as a session knows it: the chip read at the start. Journals the card id
 * and the masked account only.
 */
public final class CardPart {
  public static final Fact<String> CARD = Fact.text("card");
  public static final Fact<String> ACCOUNT = Fact.text("account");

  private ChipData chip;
  private CardId restored;

  public void read(ChipData chip) {
    this.chip = chip;
  }

  /** The chip as read in this session; absent in a session restored from the journal. */
  public Optional<ChipData> chip() {
    return Optional.ofNullable(chip);
  }

  public ChipData chipRead() {
    return chip().orElseThrow(() -> new IllegalStateException("no card read yet"));
  }

  public Optional<CardId> cardId() {
    return chip != null ? Optional.of(chip.cardId()) : Optional.ofNullable(restored);
  }

  public CardId requiredCardId() {
    return cardId().orElseThrow(() -> new IllegalStateException("no card read yet"));
  }

  public void writeTo(Map<String, String> facts) {
    if (chip != null) {
      CARD.put(facts, chip.cardId().value());
      chip.account().ifPresent(a -> ACCOUNT.put(facts, a.masked()));
    } else if (restored != null) {
      CARD.put(facts, restored.value());
    }
  }

  public static CardPart from(Map<String, String> facts) {
    CardPart part = new CardPart();
    part.restored = CARD.in(facts).map(CardId::new).orElse(null);
    return part;
  }
}
