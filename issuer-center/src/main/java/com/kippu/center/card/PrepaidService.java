package com.kippu.center.card;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.common.Answer;
import com.kippu.center.product.CardType;
import com.kippu.center.product.Product;
import com.kippu.center.product.ProductId;
import com.kippu.center.product.ProductRepository;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.PaymentUse;
import com.kippu.center.sales.PaymentLedger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Prepaid cards: the issuer registers its card ids (S2 ¶41); a card id is activated when the card
 * is sold, against payment of the product price (F10), and refused while inactive; an active card
 * is recharged against payment (F11). Activation and recharge are idempotent per payment proof: the
 * same proof replays the first answer, and a proof that paid for something else is refused.
 *
 * <p>The issuer's local server is the authority on its pre-valued cards ({@link CardStanding}): a
 * card is activated here only once its issuer activated it, and recharged only while its issuer has
 * it active; an issuer whose server does not answer refuses both.
 */
public final class PrepaidService {
  private final PrepaidRepository cards;
  private final ProductRepository products;
  private final PaymentLedger ledger;
  private final SecureRandom random;
  private final Clock clock;
  private final RechargeLimits limits;
  private final ZoneId zone;
  private final CardStanding standing;

  public PrepaidService(
      PrepaidRepository cards,
      ProductRepository products,
      PaymentLedger ledger,
      SecureRandom random,
      Clock clock) {
    this(
        cards,
        products,
        ledger,
        random,
        clock,
        RechargeLimits.DEFAULT,
        ZoneId.of("Asia/Tokyo"),
        CardStanding.NONE);
  }

  /**
   * @param limits what a card may hold and be recharged with in a day
   * @param zone where a day begins and ends for {@code limits}
   * @param standing asks the cards' issuers to activate them and whether they are active
   */
  public PrepaidService(
      PrepaidRepository cards,
      ProductRepository products,
      PaymentLedger ledger,
      SecureRandom random,
      Clock clock,
      RechargeLimits limits,
      ZoneId zone,
      CardStanding standing) {
    this.cards = cards;
    this.products = products;
    this.ledger = ledger;
    this.random = random;
    this.clock = clock;
    this.limits = limits;
    this.zone = zone;
    this.standing = standing;
  }

  public RechargeLimits limits() {
    return limits;
  }

  public Answer<CardOutcome, Integer> register(
      IssuerId caller, ProductId productId, List<CardId> cardIds) {
    Optional<Product> product = products.find(productId);
    if (product.isEmpty() || product.get().cardType() != CardType.PREPAID) {
      return Answer.refused(
          CardOutcome.PRODUCT_NOT_FOUND, "no prepaid product " + productId, "productId");
    }
    if (!product.get().issuerId().equals(caller)) {
      return Answer.refused(
          CardOutcome.NOT_YOUR_PRODUCT,
          "product " + productId + " is another issuer's",
          "productId");
    }
    return Answer.of(CardOutcome.OK, cards.register(caller, productId, cardIds, clock.instant()));
  }

  public Optional<PrepaidCard> find(CardId cardId) {
    return cards.find(cardId);
  }

  /** F10: the card id read at issuance is activated with its product's value. */
  public Answer<CardOutcome, PrepaidCard> activate(CardId cardId, PaymentProof payment) {
    Optional<PrepaidCard> seen = cards.find(cardId);
    if (seen.isEmpty()) {
      return unknown(cardId);
    }
    Product product = products.find(seen.get().productId()).orElseThrow();
    if (paidFromInactiveCard(payment)) {
      return inactivePurse(payment);
    }
    if (paidForTicket(payment)) {
      return paymentUsed(payment);
    }
    Instant now = now();
    return cards.write(
        store -> {
          PrepaidCard card = store.card(cardId).orElseThrow();
          Optional<PaymentUse> earlier = store.paymentUse(payment);
          if (earlier.isPresent()) {
            return replay(store, earlier.get(), payment, cardId, CardSale.Kind.ACTIVATION);
          }
          if (paidFromLostCard(store, payment)) {
            return lostPurse(payment);
          }
          if (store.lost(cardId)) {
            return lostCard(cardId);
          }
          if (card.status() == PrepaidStatus.ACTIVE) {
            return Answer.refused(
                CardOutcome.CARD_ALREADY_ACTIVE, "card " + cardId + " is already active", "cardId");
          }
          if (payment.amountYen() != product.priceYen()) {
            return amountMismatch(payment, product.priceYen());
          }
          Optional<CardStanding.IssuerRefusal> issuer = standing.activate(cardId, card.issuerId());
          if (issuer.isPresent()) {
            return issuerRefused(issuer.get());
          }
          PrepaidCard active = card.activate(product.valueYen());
          store.record(new CardSale(saleId(), CardSale.Kind.ACTIVATION, active, payment, now));
          return Answer.of(CardOutcome.ACTIVATED, active);
        });
  }

  /**
   * F11, before any money moves: whether the card would take a recharge of {@code amountYen} now
   * (known, active, not lost, within the value a card may hold and what it may take in a day). The
   * recharge itself checks the same again, since other recharges may come in between.
   */
  public Answer<CardOutcome, RechargeCheck> checkRecharge(CardId cardId, long amountYen) {
    if (cards.find(cardId).isEmpty()) {
      return unknown(cardId);
    }
    Instant now = now();
    return cards.write(
        store -> {
          PrepaidCard card = store.card(cardId).orElseThrow();
          Optional<Answer<CardOutcome, RechargeCheck>> refused =
              refusal(store, card, amountYen, now, "amountYen");
          if (refused.isPresent()) {
            return refused.get();
          }
          return Answer.of(
              CardOutcome.OK,
              new RechargeCheck(card, amountYen, rechargedToday(store, cardId, now), limits));
        });
  }

  /**
   * How much more {@code cardId} may be recharged with now; empty for a card not registered. Sent
   * with a limit's refusal (a later recharge checks again).
   */
  public Optional<RechargeRoom> room(CardId cardId) {
    Optional<PrepaidCard> card = cards.find(cardId);
    if (card.isEmpty()) {
      return Optional.empty();
    }
    Instant now = now();
    long today = cards.write(store -> rechargedToday(store, cardId, now));
    return Optional.of(
        new RechargeRoom(
            Math.max(0, limits.maxCardValueYen() - card.get().valueYen()),
            Math.max(0, limits.maxPerDayYen() - today),
            limits));
  }

  /** Why {@code card} cannot take {@code amountYen} now, if it cannot. */
  private <T> Optional<Answer<CardOutcome, T>> refusal(
      PrepaidStore store, PrepaidCard card, long amountYen, Instant now, String field) {
    CardId cardId = card.cardId();
    if (store.lost(cardId)) {
      return Optional.of(lostCard(cardId));
    }
    if (card.status() != PrepaidStatus.ACTIVE) {
      return Optional.of(
          Answer.refused(
              CardOutcome.CARD_NOT_ACTIVE,
              "card " + cardId + " was never activated; it cannot be recharged",
              "cardId"));
    }
    Optional<CardStanding.IssuerRefusal> issuer = standing.prepaidRefusal(cardId, card.issuerId());
    if (issuer.isPresent()) {
      return Optional.of(issuerRefused(issuer.get()));
    }
    if (amountYen > limits.maxCardValueYen() - card.valueYen()) {
      return Optional.of(
          Answer.refused(
              CardOutcome.VALUE_LIMIT,
              "card "
                  + cardId
                  + " holds "
                  + card.valueYen()
                  + " yen; a card holds at most "
                  + limits.maxCardValueYen()
                  + " yen, so it takes at most "
                  + Math.max(0, limits.maxCardValueYen() - card.valueYen())
                  + " yen more",
              field));
    }
    long today = rechargedToday(store, cardId, now);
    if (amountYen > limits.maxPerDayYen() - today) {
      return Optional.of(
          Answer.refused(
              CardOutcome.DAILY_LIMIT,
              "card "
                  + cardId
                  + " was recharged with "
                  + today
                  + " yen today; a card takes at most "
                  + limits.maxPerDayYen()
                  + " yen a day, so at most "
                  + Math.max(0, limits.maxPerDayYen() - today)
                  + " yen more today",
              field));
    }
    return Optional.empty();
  }

  private long rechargedToday(PrepaidStore store, CardId cardId, Instant now) {
    Instant midnight = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    return store.rechargedSince(cardId, midnight);
  }

  /**
   * F11: adds the paid amount to an active card's value, within {@link #limits} (refused, the
   * terminal takes the payment back).
   */
  public Answer<CardOutcome, PrepaidCard> recharge(CardId cardId, PaymentProof payment) {
    return recharge(cardId, payment, Optional.empty());
  }

  /**
   * As above; with {@code purseLoad}, the purse transaction id the terminal writes the value under,
   * recorded with the recharge as a pending load ({@link PurseLoads}) until a terminal reports it
   * on the chip. A repeat keeps the first recording.
   */
  public Answer<CardOutcome, PrepaidCard> recharge(
      CardId cardId, PaymentProof payment, Optional<String> purseLoad) {
    if (cards.find(cardId).isEmpty()) {
      return unknown(cardId);
    }
    if (paidFromInactiveCard(payment)) {
      return inactivePurse(payment);
    }
    if (paidForTicket(payment)) {
      return paymentUsed(payment);
    }
    Instant now = now();
    return cards.write(
        store -> {
          PrepaidCard card = store.card(cardId).orElseThrow();
          Optional<PaymentUse> earlier = store.paymentUse(payment);
          if (earlier.isPresent()) {
            Answer<CardOutcome, PrepaidCard> again =
                replay(store, earlier.get(), payment, cardId, CardSale.Kind.RECHARGE);
            if (again.success()) {
              // A recharge recorded before its terminal named the load (or before loads were
              // kept) becomes a pending load now; one already kept stays as it was.
              purseLoad.ifPresent(
                  tx ->
                      store.recordLoad(
                          new PendingLoad(
                              earlier.get().subject(), cardId, tx, payment.amountYen(), now)));
            }
            return again;
          }
          if (paidFromLostCard(store, payment)) {
            return lostPurse(payment);
          }
          Optional<Answer<CardOutcome, PrepaidCard>> refused =
              refusal(store, card, payment.amountYen(), now, "payment.amountYen");
          if (refused.isPresent()) {
            return refused.get();
          }
          PrepaidCard recharged = card.recharge(payment.amountYen());
          String sale = saleId();
          store.record(new CardSale(sale, CardSale.Kind.RECHARGE, recharged, payment, now));
          purseLoad.ifPresent(
              tx -> store.recordLoad(new PendingLoad(sale, cardId, tx, payment.amountYen(), now)));
          return Answer.of(CardOutcome.RECHARGED, recharged);
        });
  }

  /**
   * A purse paying is a pre-valued card never activated (S2 ¶43): its value is worthless, even to
   * activate itself.
   */
  private boolean paidFromInactiveCard(PaymentProof p) {
    return p.purse() != null
        && cards
            .find(p.purse().purseId())
            .map(c -> c.status() != PrepaidStatus.ACTIVE)
            .orElse(false);
  }

  private static Answer<CardOutcome, PrepaidCard> inactivePurse(PaymentProof p) {
    return Answer.refused(
        CardOutcome.CARD_NOT_ACTIVE,
        "the purse of card "
            + p.purse().purseId()
            + " was never activated: its value pays for nothing",
        "payment.details.purseId");
  }

  /**
   * A purse paying is on a card reported lost: the center moved that card's value to its new card
   * at the reissue, so what the old chip still shows would be spent twice.
   */
  private static boolean paidFromLostCard(PrepaidStore store, PaymentProof p) {
    return p.purse() != null && store.lost(p.purse().purseId());
  }

  private static Answer<CardOutcome, PrepaidCard> lostPurse(PaymentProof p) {
    return Answer.refused(
        CardOutcome.CARD_LOST,
        "the purse of card "
            + p.purse().purseId()
            + " was reported lost: its value moved with the card and pays for nothing here",
        "payment.details.purseId");
  }

  /** Recorded for a ticket, or refused for one: either way it pays for no card. */
  private boolean paidForTicket(PaymentProof p) {
    return ledger.use(p).map(u -> u.kind() != PaymentUse.Kind.CARD_SALE).orElse(false);
  }

  /** The first answer again for the same proof, card and kind; a refusal for anything else. */
  private static Answer<CardOutcome, PrepaidCard> replay(
      PrepaidStore store,
      PaymentUse earlier,
      PaymentProof payment,
      CardId cardId,
      CardSale.Kind kind) {
    if (earlier.kind() != PaymentUse.Kind.CARD_SALE || !earlier.sameProof()) {
      return paymentUsed(payment);
    }
    CardSale sale =
        store
            .sale(earlier.subject(), payment)
            .orElseThrow(() -> new IllegalStateException("no card sale " + earlier.subject()));
    if (!sale.cardAfter().cardId().equals(cardId) || sale.kind() != kind) {
      return paymentUsed(payment);
    }
    return Answer.of(
        kind == CardSale.Kind.ACTIVATION ? CardOutcome.ACTIVATED : CardOutcome.RECHARGED,
        sale.cardAfter());
  }

  private static Answer<CardOutcome, PrepaidCard> paymentUsed(PaymentProof p) {
    return Answer.refused(
        CardOutcome.PAYMENT_ALREADY_USED,
        "payment "
            + p.method()
            + " "
            + p.reference()
            + " (acquirer "
            + p.acquirer()
            + ", terminal "
            + p.terminalId()
            + ") already paid for something else",
        "payment.reference");
  }

  private static Answer<CardOutcome, PrepaidCard> amountMismatch(PaymentProof p, long price) {
    return Answer.refused(
        CardOutcome.AMOUNT_MISMATCH,
        "paid " + p.amountYen() + " yen, the card costs " + price,
        "payment.amountYen");
  }

  private static <T> Answer<CardOutcome, T> lostCard(CardId cardId) {
    return Answer.refused(CardOutcome.CARD_LOST, "card " + cardId + " was reported lost", "cardId");
  }

  private static <T> Answer<CardOutcome, T> issuerRefused(CardStanding.IssuerRefusal refusal) {
    return Answer.refused(
        refusal.unavailable() ? CardOutcome.ISSUER_UNAVAILABLE : CardOutcome.ISSUER_REFUSED,
        refusal.detail(),
        "cardId");
  }

  private static <T> Answer<CardOutcome, T> unknown(CardId cardId) {
    return Answer.refused(
        CardOutcome.CARD_UNKNOWN, "card " + cardId + " is not a registered prepaid card", "cardId");
  }

  private String saleId() {
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    return "CS" + HexFormat.of().withUpperCase().formatHex(bytes);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
