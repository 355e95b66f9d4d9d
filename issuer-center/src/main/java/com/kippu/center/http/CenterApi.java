package com.kippu.center.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.CenterCommits;
import com.kippu.center.catalog.CatalogRepository;
import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.EventSummary;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.catalog.Seat;
import com.kippu.center.catalog.SeatId;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.Hold;
import com.kippu.center.reservation.InvalidPaymentException;
import com.kippu.center.reservation.IssueCommand;
import com.kippu.center.reservation.IssuedTicket;
import com.kippu.center.reservation.PaymentMethod;
import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.RequestNumber;
import com.kippu.center.reservation.Reservation;
import com.kippu.center.reservation.ReservationNumber;
import com.kippu.center.reservation.ReservationService;
import com.kippu.center.reservation.ReservationState;
import com.kippu.center.reservation.ReserveCommand;
import com.kippu.center.reservation.Result;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.sales.PurchaseService;
import com.kippu.center.signing.PublishedKey;
import com.kippu.center.signing.SignedDocument;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The issuer center's HTTP/JSON API (contract: {@code openapi.yaml}). Parses and checks requests,
 * calls the catalog or the reservation service, and renders results; no business rule lives here.
 * With terminal authentication on, every terminal route needs a valid terminal signature (the
 * catalog, keys, health and contract stay open); issuer and operator routes are always guarded.
 */
public final class CenterApi {
  /** Seats per reservation; a sanity bound, not a sales rule. */
  static final int MAX_SEATS_PER_RESERVATION = 10;

  private static final int MAX_FIELD_LENGTH = 64;
  private static final int MAX_DETAILS = 8;
  private static final int MAX_REASON_LENGTH = 200;

  private final CatalogRepository catalog;
  private final ReservationService reservations;
  private final PurchaseService purchases;
  private final Clock clock;
  private final byte[] openApi;
  private final Guards guards;
  private final List<RouteGroup> groups;

  /**
   * {@code guards} decide who may call what; {@code groups} add the routes of further concepts.
   * Reservations are read and cancelled through {@code reservations}, made and issued through
   * {@code purchases} (one sales path).
   */
  public CenterApi(
      CatalogRepository catalog,
      ReservationService reservations,
      PurchaseService purchases,
      Clock clock,
      byte[] openApi,
      Guards guards,
      List<RouteGroup> groups) {
    this.catalog = catalog;
    this.reservations = reservations;
    this.purchases = purchases;
    this.clock = clock;
    this.openApi = openApi.clone();
    this.guards = guards;
    this.groups = List.copyOf(groups);
  }

  public Router router() {
    Router router =
        new Router()
            .add("GET", "/openapi.yaml", r -> new Response(200, "application/yaml", openApi))
            .add("GET", "/v1/events", r -> events())
            .add("GET", "/v1/events/{}/seats", this::seats)
            .add("POST", "/v1/reservations", guards.terminal(this::reserve))
            .add("GET", "/v1/reservations/{}", guards.terminal(this::reservation))
            .add("POST", "/v1/reservations/{}/cancel", guards.terminal(this::cancel))
            .add("POST", "/v1/reservations/{}/issue", guards.terminal(this::issue))
            .add("GET", "/v1/issuers/{}/key", this::issuerKey);
    groups.forEach(g -> g.register(router, guards));
    return router;
  }

  private Response events() {
    ObjectNode body = Response.JSON.createObjectNode();
    ArrayNode list = body.putArray("events");
    for (EventSummary s : catalog.events(clock.instant())) {
      ObjectNode e = list.addObject();
      e.put("eventId", s.event().eventId().value());
      e.put("issuerId", s.event().issuerId().value());
      e.put("title", s.event().title());
      e.put("genre", s.event().genre());
      e.put("artist", s.event().artist());
      e.put("venue", s.event().venue());
      e.put("startsAt", s.event().startsAtText());
      e.put("priceFromYen", s.priceFromYen());
      e.put("availableSeats", s.availableSeats());
      e.put("totalSeats", s.totalSeats());
      e.put("availability", s.availability().name());
    }
    return Response.json(200, body);
  }

  private Response seats(Request request) {
    Optional<EventId> eventId = id(request.pathParam(0), EventId::new);
    var seats = eventId.flatMap(id -> catalog.seats(id, clock.instant()));
    if (seats.isEmpty()) {
      return Response.error(404, "EVENT_NOT_FOUND", "no event " + request.pathParam(0), null);
    }
    ObjectNode body = Response.JSON.createObjectNode();
    body.put("eventId", eventId.get().value());
    ArrayNode list = body.putArray("seats");
    for (Seat s : seats.get()) {
      ObjectNode seat = list.addObject();
      seat.put("seatId", s.seatId().value());
      seat.put("section", s.section());
      seat.put("row", s.row());
      seat.put("number", s.number());
      seat.put("priceYen", s.priceYen());
      seat.put("status", s.status().name());
    }
    return Response.json(200, body);
  }

  private Response reserve(Request request) throws ApiException {
    var terminal = request.terminalId();
    JsonFields body = request.body();
    ReserveCommand cmd =
        new ReserveCommand(
            terminal,
            body.value("requestNumber", RequestNumber::new),
            body.value("eventId", EventId::new),
            body.distinctValues("seatIds", MAX_SEATS_PER_RESERVATION, SeatId::new),
            body.value("cardId", CardId::new));
    boolean payLater = body.optionalBoolean("payLater", false);
    Result<Hold> result = purchases.reserve(cmd, payLater);
    CenterCommits.committed(CenterCommits.RESERVATIONS);
    if (!result.success()) {
      return failure(result);
    }
    Hold hold = result.value();
    Reservation r = hold.reservation();
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("reservationNumber", r.number().value());
    out.put("status", r.status().name());
    out.put("amountYen", r.amountYen());
    out.put("issuerId", hold.issuer().issuerId().value());
    out.put("issuerAccount", hold.issuer().bankAccount());
    out.put("expiresAt", r.expiresAt().toString());
    if (payLater) {
      out.put("paymentDeadline", r.expiresAt().toString());
    }
    out.set("signedReservation", envelope(hold.signedReservation()));
    return Response.json(201, out);
  }

  private Response reservation(Request request) throws ApiException {
    Optional<ReservationNumber> number = id(request.pathParam(0), ReservationNumber::new);
    if (number.isEmpty()) {
      return reservationNotFound(request);
    }
    Result<ReservationState> result = reservations.find(number.get());
    if (!result.success()) {
      return failure(result);
    }
    Reservation r = result.value().reservation();
    if (!mayUse(request, r, request.queryParam("cardId"))) {
      return reservationNotFound(request);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("reservationNumber", r.number().value());
    out.put("status", r.status().name());
    out.put("amountYen", r.amountYen());
    out.put("expiresAt", r.expiresAt().toString());
    result.value().ticketNumber().ifPresent(t -> out.put("ticketNumber", t.value()));
    return Response.json(200, out);
  }

  private Response cancel(Request request) throws ApiException {
    request.terminalId();
    JsonFields body = request.body();
    String reason = body.optionalText("reason", MAX_REASON_LENGTH);
    String card = body.optionalText("cardId", MAX_FIELD_LENGTH);
    Optional<ReservationNumber> number = id(request.pathParam(0), ReservationNumber::new);
    if (number.isEmpty()) {
      return reservationNotFound(request);
    }
    Result<ReservationState> found = reservations.find(number.get());
    if (found.success() && !mayUse(request, found.value().reservation(), card)) {
      return reservationNotFound(request);
    }
    Result<Reservation> result = reservations.cancel(number.get(), reason);
    CenterCommits.committed(CenterCommits.RESERVATIONS);
    if (!result.success()) {
      return failure(result);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("reservationNumber", result.value().number().value());
    out.put("status", result.value().status().name());
    return Response.json(200, out);
  }

  private Response issue(Request request) throws ApiException {
    TerminalId terminal = request.terminalId();
    JsonFields body = request.body();
    CardId cardId = body.value("cardId", CardId::new);
    PaymentProof payment = payment(body, terminal, cardId);
    Optional<ReservationNumber> number = id(request.pathParam(0), ReservationNumber::new);
    if (number.isEmpty()) {
      return reservationNotFound(request);
    }
    Result<IssuedTicket> result = purchases.issue(new IssueCommand(number.get(), cardId, payment));
    CenterCommits.committed(CenterCommits.RESERVATIONS);
    if (!result.success()) {
      return failure(result);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("ticketNumber", result.value().ticketNumber().value());
    out.set("signedTicket", envelope(result.value().signed()));
    return Response.json(200, out);
  }

  private Response issuerKey(Request request) {
    Optional<IssuerId> issuerId = id(request.pathParam(0), IssuerId::new);
    Optional<PublishedKey> key = issuerId.flatMap(catalog::publishedKey);
    if (key.isEmpty()) {
      return Response.error(404, "ISSUER_NOT_FOUND", "no issuer " + request.pathParam(0), null);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("issuerId", issuerId.get().value());
    out.put("keyId", key.get().keyId());
    out.put("algorithm", key.get().algorithm());
    out.put("publicKey", Base64.getEncoder().encodeToString(key.get().x509()));
    return Response.json(200, out);
  }

  /**
   * The {@code payment} object of a request body (S1 ¶60 payment proof), checked for what its
   * method must carry. The proof's terminal is {@code terminal}, the calling terminal as the
   * request's signature authenticates it; a body that names another is refused.
   */
  static PaymentProof payment(JsonFields body, TerminalId terminal, CardId card)
      throws ApiException {
    JsonFields p = body.object("payment");
    PaymentMethod method = p.enumValue("method", PaymentMethod.class);
    long amountYen = p.positiveLong("amountYen");
    String reference = bounded(p, "reference");
    // E-money has no approving host: its approval code and STAN are optional.
    String approvalCode =
        method.hostReferences() ? bounded(p, "approvalCode") : optionalBounded(p, "approvalCode");
    String stan = method.hostReferences() ? bounded(p, "stan") : optionalBounded(p, "stan");
    Instant paidAt = p.instant("paidAt");
    String acquirer = bounded(p, "acquirer");
    String claimed = p.optionalText("terminalId", MAX_FIELD_LENGTH);
    if (claimed != null && !claimed.equals(terminal.value())) {
      throw ApiException.invalid(
          p.pathOf("terminalId"), "must be the calling terminal (" + Request.TERMINAL_HEADER + ")");
    }
    Map<String, String> details = p.optionalStrings("details", MAX_DETAILS, MAX_FIELD_LENGTH);
    try {
      PaymentProof proof =
          PaymentProof.of(
              method,
              amountYen,
              reference,
              approvalCode,
              stan,
              paidAt,
              acquirer,
              terminal,
              details);
      proof.requirePaidFrom(card);
      return proof;
    } catch (InvalidPaymentException e) {
      String field = p.pathOf(e.field());
      throw new ApiException(
          400,
          e.missing() ? "MISSING_FIELD" : "INVALID_FIELD",
          "field '" + field + "' " + e.getMessage(),
          field);
    }
  }

  private static String bounded(JsonFields fields, String name) throws ApiException {
    String value = fields.text(name);
    if (value.length() > MAX_FIELD_LENGTH) {
      throw ApiException.invalid(fields.pathOf(name), "must be at most " + MAX_FIELD_LENGTH);
    }
    return value;
  }

  private static String optionalBounded(JsonFields fields, String name) throws ApiException {
    String value = fields.optionalText(name, MAX_FIELD_LENGTH);
    return value == null ? "" : value;
  }

  static ObjectNode envelope(SignedDocument doc) {
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode node = Response.JSON.createObjectNode();
    node.put("payload", b64.encodeToString(doc.payload()));
    node.put("signature", b64.encodeToString(doc.signature()));
    node.put("keyId", doc.keyId());
    node.put("algorithm", doc.algorithm());
    return node;
  }

  static Response failure(Result<?> result) {
    int status = OutcomeStatus.of(result.outcome());
    String code = result.outcome().name();
    if (!result.seatIds().isEmpty()) {
      return Response.seatError(
          status, code, result.message(), result.seatIds().stream().map(SeatId::value).toList());
    }
    return Response.error(status, code, result.message(), result.field());
  }

  /**
   * A terminal reads or cancels a reservation it made, or one whose card it has in its reader
   * ({@code presentedCard}); to any other terminal the reservation does not exist.
   */
  private static boolean mayUse(Request request, Reservation r, String presentedCard) {
    return r.terminalId().equals(request.caller().terminalId())
        || (presentedCard != null && presentedCard.equals(r.cardId().value()));
  }

  private static Response reservationNotFound(Request request) {
    return Response.error(
        404, "RESERVATION_NOT_FOUND", "no reservation " + request.pathParam(0), null);
  }

  /** A path id that does not even parse cannot exist: that is a 404, not a 400. */
  static <T> Optional<T> id(String raw, Function<String, T> parse) {
    try {
      return Optional.of(parse.apply(raw));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
