package com.kippu.center.issuer;

import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.common.Answer;
import com.kippu.center.product.CardType;
import com.kippu.center.product.Product;
import com.kippu.center.product.ProductId;
import com.kippu.center.product.ProductRepository;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Applies catalog updates pushed by issuers (S2 ¶21): events with seat maps, prices and an image;
 * commuter-pass sections with fares; prepaid products. An issuer only ever changes what it owns,
 * and a sold or held seat keeps the terms it was sold on. An event created or updated goes on sale
 * at once: the listener given is told, and gets the sale ready (its free seats read into memory).
 */
public final class CatalogPublisher {
  private final IssuerCatalogRepository catalog;
  private final ProductRepository products;
  private final IssuerAccountRepository accounts;
  private final Clock clock;
  private final Consumer<EventId> onSale;

  public CatalogPublisher(
      IssuerCatalogRepository catalog,
      ProductRepository products,
      IssuerAccountRepository accounts,
      Clock clock,
      Consumer<EventId> onSale) {
    this.catalog = catalog;
    this.products = products;
    this.accounts = accounts;
    this.clock = clock;
    this.onSale = onSale;
  }

  public Answer<PublishOutcome, EventId> publishEvent(IssuerId caller, EventListing listing) {
    if (!listing.event().issuerId().equals(caller)) {
      return Answer.refused(
          PublishOutcome.NOT_YOUR_EVENT, "an issuer publishes only its own events", "issuerId");
    }
    IssuerCatalogRepository.Upsert done = catalog.upsertEvent(caller, listing);
    return switch (done.outcome()) {
      case CREATED, UPDATED -> {
        onSale.accept(listing.event().eventId());
        yield Answer.of(done.outcome(), listing.event().eventId());
      }
      case NOT_YOUR_EVENT ->
          Answer.refused(
              done.outcome(),
              "event " + listing.event().eventId() + " belongs to another issuer",
              "eventId");
      default ->
          Answer.refused(
              done.outcome(),
              "held or sold seats keep their terms: " + done.refusedSeats(),
              "seats");
    };
  }

  public Answer<PublishOutcome, ProductId> publishProduct(IssuerId caller, Product product) {
    IssuerKind kind = accounts.find(caller).orElseThrow().kind();
    IssuerKind needed =
        product.cardType() == CardType.COMMUTER_PASS
            ? IssuerKind.RAILWAY
            : IssuerKind.PREPAID_ISSUER;
    if (kind != needed) {
      return Answer.refused(
          PublishOutcome.WRONG_ISSUER_KIND,
          product.cardType() + " products are published by " + needed + " issuers",
          "cardType");
    }
    boolean existed = products.find(product.productId()).isPresent();
    if (!products.upsert(caller, product, clock.instant())) {
      return Answer.refused(
          PublishOutcome.NOT_YOUR_PRODUCT,
          "product " + product.productId() + " belongs to another issuer",
          "productId");
    }
    return Answer.of(
        existed ? PublishOutcome.UPDATED : PublishOutcome.CREATED, product.productId());
  }
}
