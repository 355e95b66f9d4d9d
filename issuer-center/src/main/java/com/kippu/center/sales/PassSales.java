package com.kippu.center.sales;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.center.catalog.CatalogRepository;
import com.kippu.center.catalog.Issuer;
import com.kippu.center.common.Answer;
import com.kippu.center.product.CardType;
import com.kippu.center.product.FareClass;
import com.kippu.center.product.Product;
import com.kippu.center.product.ProductId;
import com.kippu.center.product.ProductRepository;
import com.kippu.center.product.RailSection;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.NumberGenerator;
import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.RequestNumber;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.signing.SigningKey;
import com.kippu.center.user.UserId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Sells commuter passes onto cards (F7, S2 ¶26-29): the fare of the holder's class from the
 * railway's published fares, paid before the sale; the pass signed by the railway for the card
 * (payload {@value #TYPE}: number, railway, section, period, holder's name, fare class, card,
 * payment); the holder's name, phone and address kept for the railway's sales record only. A
 * terminal's request number names one sale, so a repeat (a lost answer, recovery) gets the same
 * pass; a payment pays for one pass; nothing is sold onto a card reported lost or onto a pre-valued
 * card never activated.
 */
public final class PassSales {
  public static final String TYPE = "kippu/commuter-pass/v1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PayingCards paying;
  private final ProductRepository products;
  private final CatalogRepository catalog;
  private final PassSaleRepository sales;
  private final NumberGenerator numbers;
  private final Clock clock;
  private final PassValidity validity;

  /**
   * @param paying what may go onto a card: nothing onto one reported lost, no pass onto one the
   *     railway's own server says it invalidated (S2 ¶38), nothing onto or paid by a prepaid card
   *     never activated, nothing paid by the purse of a card reported lost or invalidated
   */
  public PassSales(
      ProductRepository products,
      CatalogRepository catalog,
      PassSaleRepository sales,
      NumberGenerator numbers,
      PayingCards paying,
      Clock clock,
      ZoneId zone) {
    this.paying = paying;
    this.products = products;
    this.catalog = catalog;
    this.sales = sales;
    this.numbers = numbers;
    this.clock = clock;
    this.validity = new PassValidity(clock, zone);
  }

  /**
   * What the terminal asks to sell; {@code registeredUser} when the pass is in a registered user's
   * name, confirmed already (the user's PIN, the operator's identity check, the registered name).
   */
  public record Order(
      TerminalId terminal,
      RequestNumber request,
      ProductId productId,
      FareClass fareClass,
      LocalDate validFrom,
      Holder holder,
      CardId cardId,
      PaymentProof payment,
      Optional<UserId> registeredUser) {}

  public Answer<ProductSaleOutcome, PassSale> sell(Order order) {
    Optional<Product> found = products.find(order.productId());
    if (found.isEmpty()) {
      return Answer.refused(
          ProductSaleOutcome.PRODUCT_NOT_FOUND, "no product " + order.productId(), "productId");
    }
    Product product = found.get();
    if (product.cardType() != CardType.COMMUTER_PASS) {
      return Answer.refused(
          ProductSaleOutcome.WRONG_CARD_TYPE,
          "product " + order.productId() + " is not a commuter pass",
          "productId");
    }
    RailSection section = product.section().orElseThrow();
    long fare = order.fareClass().fare(product.priceYen());
    Optional<PassSale> earlier = sales.byRequest(order.terminal(), order.request());
    if (earlier.isPresent()) {
      return replayed(earlier.get(), order, fare);
    }
    Optional<String> refused = paying.standing().refusal(order.cardId(), product.issuerId());
    if (refused.isPresent()) {
      return Answer.refused(ProductSaleOutcome.CARD_LOST, refused.get(), "cardId");
    }
    Optional<PayingCards.Refusal> payer = paying.refusal(order.cardId(), order.payment());
    if (payer.isPresent()) {
      return payer.get().answer();
    }
    if (!validity.allowed(order.validFrom())) {
      return Answer.refused(
          ProductSaleOutcome.VALIDITY_NOT_ALLOWED,
          "a pass starts on a day from " + validity.window(),
          "validFrom");
    }
    if (order.payment().amountYen() != fare) {
      return Answer.refused(
          ProductSaleOutcome.AMOUNT_MISMATCH,
          "paid "
              + order.payment().amountYen()
              + " yen, the "
              + order.fareClass()
              + " fare is "
              + fare,
          "payment.amountYen");
    }
    Issuer issuer =
        catalog
            .issuer(product.issuerId())
            .orElseThrow(() -> new IllegalStateException("product names unknown issuer"));
    SigningKey key =
        catalog
            .signingKey(product.issuerId())
            .orElseThrow(() -> new IllegalStateException(product.issuerId() + " has no key"));
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String number = numbers.passNumber();
    LocalDate until = PassValidity.until(order.validFrom(), section.periodDays());
    PassSale sale =
        new PassSale(
            number,
            order.terminal(),
            order.request(),
            product.issuerId(),
            product.productId(),
            order.cardId(),
            order.holder(),
            order.fareClass(),
            section,
            order.validFrom(),
            until,
            fare,
            order.payment().method().name(),
            order.payment().reference(),
            key.sign(payload(number, issuer, product, section, order, until, fare, now)),
            now);
    PassSaleRepository.Recorded recorded = sales.record(sale, order.payment());
    return switch (recorded.outcome()) {
      case SOLD -> Answer.of(ProductSaleOutcome.SOLD, recorded.sale().orElseThrow());
      case REPLAYED -> replayed(recorded.sale().orElseThrow(), order, fare);
      case CARD_LOST ->
          Answer.refused(
              recorded.outcome(), "card " + order.cardId() + " was reported lost", "cardId");
      case CARD_NOT_ACTIVE ->
          Answer.refused(
              recorded.outcome(),
              "card "
                  + order.cardId()
                  + " is a prepaid card never activated: nothing is sold"
                  + " onto it",
              "cardId");
      case PAYMENT_ALREADY_USED ->
          Answer.refused(
              recorded.outcome(),
              "payment "
                  + order.payment().method()
                  + " "
                  + order.payment().reference()
                  + " already paid for something else",
              "payment.reference");
      default -> Answer.refused(recorded.outcome(), "not sold: " + recorded.outcome(), null);
    };
  }

  /**
   * The terminal takes back the payment of {@code request}, whose sale it never saw confirmed: the
   * proof is recorded as withdrawn, so a late copy of the sale is refused ({@link
   * ProductSaleOutcome#PAYMENT_ALREADY_USED}) and the payment, reversed at the bank, never pays for
   * a pass. Repeating it answers the same. When the sale was made after all, {@link
   * ProductSaleOutcome#PASS_SOLD}: the pass stands and the payment must not be taken back.
   */
  public Answer<ProductSaleOutcome, RequestNumber> withdraw(
      TerminalId terminal, RequestNumber request, PaymentProof payment) {
    ProductSaleOutcome outcome =
        sales.withdraw(terminal, request, payment, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    return switch (outcome) {
      case WITHDRAWN -> Answer.of(outcome, request);
      case PASS_SOLD ->
          Answer.refused(
              outcome,
              "a pass was sold under request " + request + ": ask for it",
              "requestNumber");
      default ->
          Answer.refused(
              outcome,
              "payment "
                  + payment.method()
                  + " "
                  + payment.reference()
                  + " already paid for something else",
              "payment.reference");
    };
  }

  /** The sale a terminal made under {@code request}, for the terminal only. */
  public Answer<ProductSaleOutcome, PassSale> find(TerminalId terminal, RequestNumber request) {
    return sales
        .byRequest(terminal, request)
        .map(s -> Answer.of(ProductSaleOutcome.REPLAYED, s))
        .orElseGet(
            () ->
                Answer.refused(
                    ProductSaleOutcome.SALE_NOT_FOUND,
                    "no pass sold under request " + request,
                    "requestNumber"));
  }

  private static Answer<ProductSaleOutcome, PassSale> replayed(
      PassSale earlier, Order order, long fare) {
    boolean same =
        earlier.productId().equals(order.productId())
            && earlier.cardId().equals(order.cardId())
            && earlier.fareClass() == order.fareClass()
            && earlier.validFrom().equals(order.validFrom())
            && earlier.amountYen() == fare;
    if (!same) {
      return Answer.refused(
          ProductSaleOutcome.REQUEST_NUMBER_REUSED,
          "request " + order.request() + " named another sale of this terminal",
          "requestNumber");
    }
    return Answer.of(ProductSaleOutcome.REPLAYED, earlier);
  }

  private static byte[] payload(
      String number,
      Issuer issuer,
      Product product,
      RailSection section,
      Order order,
      LocalDate until,
      long fare,
      Instant now) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", TYPE);
      g.writeStringField("passNumber", number);
      g.writeStringField("issuerId", issuer.issuerId().value());
      g.writeStringField("issuerName", issuer.name());
      g.writeStringField("productId", product.productId().value());
      g.writeStringField("name", product.name());
      g.writeStringField("cardId", order.cardId().value());
      g.writeStringField("holderName", order.holder().name());
      if (order.registeredUser().isPresent()) {
        // S2 ¶37: the railway sees a pass whose holder an operator identified in person.
        g.writeStringField("registeredUser", order.registeredUser().get().value());
      }
      g.writeStringField("fareClass", order.fareClass().name());
      g.writeStringField("line", section.line());
      g.writeStringField("fromStation", section.fromStation());
      g.writeStringField("toStation", section.toStation());
      g.writeStringField("validFrom", order.validFrom().toString());
      g.writeStringField("validUntil", until.toString());
      g.writeNumberField("amountYen", fare);
      g.writeObjectFieldStart("payment");
      g.writeStringField("method", order.payment().method().name());
      g.writeStringField("reference", order.payment().reference());
      g.writeStringField("acquirer", order.payment().acquirer());
      g.writeEndObject();
      g.writeStringField("requestNumber", order.request().value());
      g.writeStringField("terminalId", order.terminal().value());
      g.writeStringField("issuedAt", now.toString());
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode commuter pass", e);
    }
    return out.toByteArray();
  }
}
