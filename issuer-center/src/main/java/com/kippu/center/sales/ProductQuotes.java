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
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.signing.SignedDocument;
import com.kippu.center.signing.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Quotes for the products a kiosk sells without a seat (F7, S2 ¶26, ¶41): a commuter pass at the
 * fare of the holder's class from the railway's published fares, for a first day the customer
 * chose; a prepaid card at its price. Signed by the product's issuer, naming the account to pay (S1
 * ¶56), so a terminal pays only an account the issuer named. Holds and stores nothing: the sale
 * that follows refuses another amount.
 */
public final class ProductQuotes {
  public static final String TYPE = "kippu/product-quote/v1";

  /** How long a terminal may pay on a quote before asking again. */
  public static final Duration VALIDITY = Quotes.VALIDITY;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProductRepository products;
  private final CatalogRepository catalog;
  private final Clock clock;
  private final PassValidity validity;

  public ProductQuotes(
      ProductRepository products, CatalogRepository catalog, Clock clock, ZoneId zone) {
    this.products = products;
    this.catalog = catalog;
    this.clock = clock;
    this.validity = new PassValidity(clock, zone);
  }

  /**
   * The signed quote of {@code productId}: a pass for {@code fareClass} starting {@code validFrom}
   * (required for a pass, refused for a prepaid card).
   */
  public Answer<ProductSaleOutcome, SignedDocument> quote(
      TerminalId terminal,
      ProductId productId,
      FareClass fareClass,
      Optional<LocalDate> validFrom) {
    Optional<Product> found = products.find(productId);
    if (found.isEmpty()) {
      return Answer.refused(
          ProductSaleOutcome.PRODUCT_NOT_FOUND, "no product " + productId, "productId");
    }
    Product product = found.get();
    if (product.cardType() == CardType.COMMUTER_PASS) {
      if (validFrom.isEmpty() || !validity.allowed(validFrom.get())) {
        return Answer.refused(
            ProductSaleOutcome.VALIDITY_NOT_ALLOWED,
            "a pass starts on a day from " + validity.window(),
            "validFrom");
      }
    } else if (validFrom.isPresent() || fareClass != FareClass.ADULT) {
      return Answer.refused(
          ProductSaleOutcome.WRONG_CARD_TYPE,
          "a prepaid card has no fare class or first day",
          "validFrom");
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
    return Answer.of(
        ProductSaleOutcome.QUOTED,
        key.sign(payload(terminal, issuer, product, fareClass, validFrom, now)));
  }

  private static byte[] payload(
      TerminalId terminal,
      Issuer issuer,
      Product product,
      FareClass fareClass,
      Optional<LocalDate> validFrom,
      Instant now) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", TYPE);
      g.writeStringField("terminalId", terminal.value());
      g.writeStringField("issuerId", issuer.issuerId().value());
      g.writeStringField("issuerName", issuer.name());
      g.writeStringField("issuerAccount", issuer.bankAccount());
      g.writeStringField("productId", product.productId().value());
      g.writeStringField("cardType", product.cardType().name());
      g.writeStringField("name", product.name());
      g.writeStringField("fareClass", fareClass.name());
      g.writeNumberField("amountYen", fareClass.fare(product.priceYen()));
      if (product.valueYen() > 0) {
        g.writeNumberField("valueYen", product.valueYen());
      }
      if (product.section().isPresent()) {
        RailSection s = product.section().get();
        g.writeObjectFieldStart("section");
        g.writeStringField("line", s.line());
        g.writeStringField("fromStation", s.fromStation());
        g.writeStringField("toStation", s.toStation());
        g.writeNumberField("periodDays", s.periodDays());
        g.writeEndObject();
        g.writeStringField("validFrom", validFrom.orElseThrow().toString());
        g.writeStringField(
            "validUntil", PassValidity.until(validFrom.get(), s.periodDays()).toString());
      }
      g.writeStringField("quotedAt", now.toString());
      g.writeStringField("quoteValidUntil", now.plus(VALIDITY).toString());
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode product quote", e);
    }
    return out.toByteArray();
  }
}
