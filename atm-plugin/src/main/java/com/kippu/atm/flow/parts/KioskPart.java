package com.kippu.atm.flow.parts;

import com.kippu.atm.center.CardType;
import com.kippu.atm.center.CommuterPass;
import com.kippu.atm.center.FareClass;
import com.kippu.atm.center.Holder;
import com.kippu.atm.center.Product;
import com.kippu.atm.flow.Fact;
import java.time.LocalDate;
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

  /** The product bought (a commuter pass, a prepaid card). */
  public static final Fact<String> PRODUCT = Fact.text("kiosk.product");

  public static final Fact<FareClass> FARE_CLASS =
      Fact.of("kiosk.fareClass", FareClass::name, FareClass::valueOf);
  public static final Fact<LocalDate> VALID_FROM =
      Fact.of("kiosk.validFrom", LocalDate::toString, LocalDate::parse);

  /** The pass reached the card's write-once area. */
  public static final Fact<Boolean> PASS_ON_CARD = Fact.flag("kiosk.passOnCard");

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
  private Product product;
  private String productId;
  private FareClass fareClass;
  private LocalDate validFrom;
  private Holder holder;
  private CommuterPass pass;
  private boolean passOnCard;

  private RegisteredPart user = new RegisteredPart();

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

  /**
   * A card is about to be fed: journaled before the stocker moves. What became of a card fed
   * earlier in the session (before a rewind) no longer applies.
   */
  public void feeding() {
    this.feeding = true;
    this.facePrinted = false;
    this.captured = false;
    this.taken = false;
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

  /** The customer chose {@code product} (a pass's railway, line, stations and period). */
  public void choose(Product product) {
    this.product = product;
    this.productId = product.productId().value();
  }

  /** The product as browsed in this session; absent in a restored session. */
  public Optional<Product> product() {
    return Optional.ofNullable(product);
  }

  public Optional<String> productId() {
    return Optional.ofNullable(productId);
  }

  /**
   * The pass's holder as keyed in (S2 ¶26), its fare class and first day. The holder stays in
   * memory for the sale only: it is never journaled.
   */
  public void passFor(Holder holder, FareClass fareClass, LocalDate validFrom) {
    this.holder = holder;
    this.fareClass = fareClass;
    this.validFrom = validFrom;
  }

  public Optional<Holder> holder() {
    return Optional.ofNullable(holder);
  }

  public Optional<FareClass> fareClass() {
    return Optional.ofNullable(fareClass);
  }

  public Optional<LocalDate> validFrom() {
    return Optional.ofNullable(validFrom);
  }

  /** The pass the railway signed for this sale; absent in a restored session. */
  public void passSold(CommuterPass pass) {
    this.pass = pass;
  }

  public Optional<CommuterPass> pass() {
    return Optional.ofNullable(pass);
  }

  public void passWritten() {
    this.passOnCard = true;
  }

  public boolean passOnCard() {
    return passOnCard;
  }

  /** The registered user signed in to this purchase, if any (F12). */
  public RegisteredPart user() {
    return user;
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
    PRODUCT.put(facts, productId);
    FARE_CLASS.put(facts, fareClass);
    VALID_FROM.put(facts, validFrom);
    putIf(facts, PASS_ON_CARD, passOnCard);
    user.writeTo(facts);
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
    part.productId = PRODUCT.in(facts).orElse(null);
    part.fareClass = FARE_CLASS.in(facts).orElse(null);
    part.validFrom = VALID_FROM.in(facts).orElse(null);
    part.passOnCard = PASS_ON_CARD.in(facts).orElse(false);
    part.user = RegisteredPart.from(facts);
    return part;
  }
}
