package com.kippu.center.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.browse.CardTypeChoice;
import com.kippu.center.browse.CatalogBrowser;
import com.kippu.center.browse.Choice;
import com.kippu.center.browse.SectionAvailability;
import com.kippu.center.catalog.Event;
import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.EventSummary;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.catalog.Seat;
import com.kippu.center.catalog.SeatId;
import com.kippu.center.catalog.SeatStatus;
import com.kippu.center.common.Answer;
import com.kippu.center.common.Yen;
import com.kippu.center.issuer.CatalogPublisher;
import com.kippu.center.issuer.EventImage;
import com.kippu.center.issuer.EventListing;
import com.kippu.center.issuer.IssuerCatalogRepository;
import com.kippu.center.issuer.PublishOutcome;
import com.kippu.center.product.CardType;
import com.kippu.center.product.Product;
import com.kippu.center.product.ProductId;
import com.kippu.center.product.RailSection;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The catalog from two sides: issuers push events, seat maps, images and products (S2 ¶21) (the
 * operator enrols them, {@link IssuerAdminRoutes}); terminals browse card type, genre, artist,
 * date/venue and seat (S2 ¶22) with availability (S1 ¶36).
 */
public final class CatalogRoutes implements RouteGroup {
  static final int MAX_SEATS_PER_PUSH = 400;
  private static final int MAX_TEXT = 120;

  private final CatalogPublisher publisher;
  private final IssuerCatalogRepository issuerCatalog;
  private final CatalogBrowser browser;

  public CatalogRoutes(
      CatalogPublisher publisher, IssuerCatalogRepository issuerCatalog, CatalogBrowser browser) {
    this.publisher = publisher;
    this.issuerCatalog = issuerCatalog;
    this.browser = browser;
  }

  @Override
  public void register(Router router, Guards guards) {
    router
        .add("PUT", "/v1/issuers/{}/events/{}", guards.issuer(this::pushEvent))
        .add("PUT", "/v1/issuers/{}/products/{}", guards.issuer(this::pushProduct))
        .add("GET", "/v1/catalog/card-types", r -> cardTypes())
        .add("GET", "/v1/catalog/card-types/{}/products", this::products)
        .add("GET", "/v1/catalog/genres", r -> choices("genres", browser.genres()))
        .add("GET", "/v1/catalog/genres/{}/artists", this::artists)
        .add("GET", "/v1/catalog/genres/{}/artists/{}/events", this::events)
        .add("GET", "/v1/events/{}/availability", this::availability)
        .add("GET", "/v1/events/{}/image", this::image);
  }

  private Response pushEvent(Request request) throws ApiException {
    IssuerId issuer = new IssuerId(request.pathParam(0));
    Optional<EventId> eventId = CenterApi.id(request.pathParam(1), EventId::new);
    if (eventId.isEmpty()) {
      throw ApiException.invalid("eventId", "is not a valid event id (a-z, 0-9, -)");
    }
    JsonFields body = request.body();
    OffsetDateTime startsAt;
    try {
      startsAt = OffsetDateTime.parse(body.text("startsAt", 40));
    } catch (DateTimeParseException e) {
      throw ApiException.invalid("startsAt", "must be an ISO-8601 date-time with offset");
    }
    Event event =
        new Event(
            eventId.get(),
            issuer,
            body.text("title", MAX_TEXT),
            body.text("genre", 40),
            body.text("artist", MAX_TEXT),
            body.text("venue", MAX_TEXT),
            startsAt);
    List<Seat> seats = new ArrayList<>();
    for (JsonFields s : body.objects("seats", MAX_SEATS_PER_PUSH)) {
      try {
        seats.add(
            new Seat(
                eventId.get(),
                s.value("seatId", SeatId::new),
                s.text("section", 8),
                s.text("row", 4),
                s.intValue("number", 1, 9999),
                s.boundedLong("priceYen", 1, Yen.MAX_PRICE),
                SeatStatus.AVAILABLE));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid(s.pathOf("seatId"), e.getMessage());
      }
    }
    Optional<EventImage> image = Optional.empty();
    if (body.has("image")) {
      JsonFields i = body.object("image");
      try {
        image =
            Optional.of(
                new EventImage(
                    i.text("contentType", 40), Base64.getDecoder().decode(i.text("base64"))));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("image", e.getMessage());
      }
    }
    EventListing listing;
    try {
      listing = new EventListing(event, seats, image);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("seats", e.getMessage());
    }
    Answer<PublishOutcome, EventId> done = publisher.publishEvent(issuer, listing);
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("eventId", done.value().value());
    out.put("status", done.outcome().name());
    return Response.json(OutcomeStatus.of(done.outcome()), out);
  }

  private Response pushProduct(Request request) throws ApiException {
    IssuerId issuer = new IssuerId(request.pathParam(0));
    Optional<ProductId> productId = CenterApi.id(request.pathParam(1), ProductId::new);
    if (productId.isEmpty()) {
      throw ApiException.invalid("productId", "is not a valid product id (a-z, 0-9, -)");
    }
    JsonFields body = request.body();
    CardType type = body.enumValue("cardType", CardType.class);
    Optional<RailSection> section = Optional.empty();
    if (body.has("section")) {
      JsonFields s = body.object("section");
      section =
          Optional.of(
              new RailSection(
                  s.text("line", MAX_TEXT),
                  s.text("fromStation", MAX_TEXT),
                  s.text("toStation", MAX_TEXT),
                  s.intValue("periodDays", 1, 366)));
    }
    Product product;
    try {
      product =
          new Product(
              productId.get(),
              issuer,
              type,
              body.text("name", MAX_TEXT),
              body.boundedLong("priceYen", 1, Yen.MAX_PRICE),
              body.has("valueYen") ? body.boundedLong("valueYen", 0, Yen.MAX_CARD_VALUE) : 0,
              section);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("cardType", e.getMessage());
    }
    Answer<PublishOutcome, ProductId> done = publisher.publishProduct(issuer, product);
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("productId", done.value().value());
    out.put("status", done.outcome().name());
    return Response.json(OutcomeStatus.of(done.outcome()), out);
  }

  private Response cardTypes() {
    ObjectNode body = Response.JSON.createObjectNode();
    ArrayNode list = body.putArray("cardTypes");
    for (CardTypeChoice c : browser.cardTypes()) {
      list.addObject().put("cardType", c.cardType().name()).put("offers", c.offers());
    }
    return Response.json(200, body);
  }

  private Response products(Request request) {
    CardType type;
    try {
      type = CardType.valueOf(request.pathParam(0));
    } catch (IllegalArgumentException e) {
      return Response.error(
          404, "CARD_TYPE_NOT_FOUND", "no card type " + request.pathParam(0), null);
    }
    ObjectNode body = Response.JSON.createObjectNode();
    body.put("cardType", type.name());
    ArrayNode list = body.putArray("products");
    for (Product p : browser.products(type)) {
      ObjectNode o = list.addObject();
      o.put("productId", p.productId().value());
      o.put("issuerId", p.issuerId().value());
      o.put("issuerName", browser.issuerName(p.issuerId()));
      o.put("name", p.name());
      o.put("priceYen", p.priceYen());
      if (p.valueYen() > 0) {
        o.put("valueYen", p.valueYen());
      }
      p.section()
          .ifPresent(
              s ->
                  o.putObject("section")
                      .put("line", s.line())
                      .put("fromStation", s.fromStation())
                      .put("toStation", s.toStation())
                      .put("periodDays", s.periodDays()));
    }
    return Response.json(200, body);
  }

  private Response artists(Request request) {
    List<Choice> artists = browser.artists(request.pathParam(0));
    if (artists.isEmpty()) {
      return Response.error(
          404, "GENRE_NOT_FOUND", "no events in genre " + request.pathParam(0), null);
    }
    return choices("artists", artists);
  }

  private Response events(Request request) {
    List<EventSummary> events = browser.events(request.pathParam(0), request.pathParam(1));
    if (events.isEmpty()) {
      return Response.error(
          404, "ARTIST_NOT_FOUND", "no events of " + request.pathParam(1) + " in that genre", null);
    }
    ObjectNode body = Response.JSON.createObjectNode();
    ArrayNode list = body.putArray("events");
    for (EventSummary s : events) {
      list.addObject()
          .put("eventId", s.event().eventId().value())
          .put("issuerId", s.event().issuerId().value())
          .put("title", s.event().title())
          .put("genre", s.event().genre())
          .put("artist", s.event().artist())
          .put("venue", s.event().venue())
          .put("startsAt", s.event().startsAtText())
          .put("priceFromYen", s.priceFromYen())
          .put("availableSeats", s.availableSeats())
          .put("totalSeats", s.totalSeats())
          .put("availability", s.availability().name());
    }
    return Response.json(200, body);
  }

  private Response availability(Request request) {
    Optional<EventId> id = CenterApi.id(request.pathParam(0), EventId::new);
    Optional<List<SectionAvailability>> sections = id.flatMap(browser::sections);
    if (sections.isEmpty()) {
      return Response.error(404, "EVENT_NOT_FOUND", "no event " + request.pathParam(0), null);
    }
    ObjectNode body = Response.JSON.createObjectNode();
    body.put("eventId", id.get().value());
    ArrayNode list = body.putArray("sections");
    for (SectionAvailability s : sections.get()) {
      list.addObject()
          .put("section", s.section())
          .put("priceYen", s.priceYen())
          .put("availableSeats", s.availableSeats())
          .put("totalSeats", s.totalSeats())
          .put("availability", s.availability().name());
    }
    return Response.json(200, body);
  }

  private Response image(Request request) {
    Optional<EventImage> image =
        CenterApi.id(request.pathParam(0), EventId::new).flatMap(issuerCatalog::image);
    if (image.isEmpty()) {
      return Response.error(404, "IMAGE_NOT_FOUND", "no image for " + request.pathParam(0), null);
    }
    return new Response(200, image.get().contentType(), image.get().bytes());
  }

  private static Response choices(String name, List<Choice> choices) {
    ObjectNode body = Response.JSON.createObjectNode();
    ArrayNode list = body.putArray(name);
    for (Choice c : choices) {
      list.addObject()
          .put("name", c.name())
          .put("events", c.events())
          .put("availableSeats", c.availableSeats())
          .put("totalSeats", c.totalSeats())
          .put("availability", c.availability().name());
    }
    return Response.json(200, body);
  }
}
