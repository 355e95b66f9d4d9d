package com.kippu.atm.flow.parts;

import com.kippu.atm.center.CardType;
import com.kippu.atm.flow.Fact;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a kiosk purchase (F7, S2 ¶22-29) adds to a session: the card type chosen, where the card
 * comes from (a blank or pre-valued card fed from the stocker, or the customer's own), and what
 * happened to a fed card — fed into the transport, face printed, taken by the customer or captured
 * into the bin. A card is fed only after payment, and its feeding is journaled before it starts, so
 * recovery knows whether a card may be in the transport and must be captured.
 */
public final class KioskPart {
  public static final Fact<CardType> CARD_TYPE =
      Fact.of("kiosk.cardType", CardType::name, CardType::valueOf);
  public static final Fact<Source> SOURCE = Fact.of("kiosk.cardSource", Source::id, Source::of);
  public static final Fact<Long> HOPPER = Fact.number("kiosk.hopper");

  /** A card is being fed from the stocker, or was: it may be in the transport. */
  public static final Fact<Boolean> FEEDING = Fact.flag("kiosk.feeding");

  public static final Fact<Boolean> FACE_PRINTED = Fact.flag("kiosk.facePrinted");

  /** The card was retracted into the capture bin (not taken, unusable, or not sold). */
  public static final Fact<Boolean> CAPTURED = Fact.flag("kiosk.cardCaptured");

  public static final Fact<Boolean> TAKEN = Fact.flag("kiosk.cardTaken");

  /** Where the card the purchase goes onto comes from. */
  public enum Source {
    /** A card fed from the stocker (S2 ¶24, S30): blank, or pre-valued (S2 ¶41). */
    STOCKER,
    /** The customer's own IC card, inserted at the slot. */
    OWN;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Source of(String id) {
      return valueOf(id.toUpperCase(Locale.ROOT));
    }
  }

  private CardType cardType;
  private Source source;
  private int hopper;
  private boolean feeding;
  private boolean facePrinted;
  private boolean captured;
  private boolean taken;

  public void chooseType(CardType type) {
    this.cardType = type;
  }

  public Optional<CardType> cardType() {
    return Optional.ofNullable(cardType);
  }

  public boolean is(CardType type) {
    return cardType == type;
  }

  /** The card comes from {@code source}; a stocker card from {@code hopper}. */
  public void cardFrom(Source source, int hopper) {
    this.source = source;
    this.hopper = hopper;
  }

  public Optional<Source> source() {
    return Optional.ofNullable(source);
  }

  public boolean fromStocker() {
    return source == Source.STOCKER;
  }

  public int hopper() {
    return hopper;
  }

  /** A card is about to be fed: journaled before the stocker moves. */
  public void feeding() {
    this.feeding = true;
  }

  /** Whether a stocker card was (or may have been) fed into the transport in this session. */
  public boolean fed() {
    return feeding;
  }

  public void facePrinted() {
    this.facePrinted = true;
  }

  public boolean isFacePrinted() {
    return facePrinted;
  }

  public void captured() {
    this.captured = true;
  }

  public boolean isCaptured() {
    return captured;
  }

  public void taken() {
    this.taken = true;
  }

  /** The card left the terminal: taken by the customer, or captured into the bin. */
  public boolean cardGone() {
    return captured || taken;
  }

  public boolean isTaken() {
    return taken;
  }

  public void writeTo(Map<String, String> facts) {
    CARD_TYPE.put(facts, cardType);
    SOURCE.put(facts, source);
    if (source == Source.STOCKER) {
      HOPPER.put(facts, (long) hopper);
    }
    putIf(facts, FEEDING, feeding);
    putIf(facts, FACE_PRINTED, facePrinted);
    putIf(facts, CAPTURED, captured);
    putIf(facts, TAKEN, taken);
  }

  private static void putIf(Map<String, String> facts, Fact<Boolean> fact, boolean value) {
    if (value) {
      fact.put(facts, true);
    }
  }

  public static KioskPart from(Map<String, String> facts) {
    KioskPart part = new KioskPart();
    part.cardType = CARD_TYPE.in(facts).orElse(null);
    part.source = SOURCE.in(facts).orElse(null);
    part.hopper = HOPPER.in(facts).map(Long::intValue).orElse(0);
    part.feeding = FEEDING.in(facts).orElse(false);
    part.facePrinted = FACE_PRINTED.in(facts).orElse(false);
    part.captured = CAPTURED.in(facts).orElse(false);
    part.taken = TAKEN.in(facts).orElse(false);
    return part;
  }
}
