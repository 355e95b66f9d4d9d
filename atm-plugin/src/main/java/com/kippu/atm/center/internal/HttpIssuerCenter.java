package com.kippu.atm.center.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.atm.card.CardId;
import com.kippu.atm.center.ApplicationOffer;
import com.kippu.atm.center.ApplicationPackage;
import com.kippu.atm.center.Availability;
import com.kippu.atm.center.CardProof;
import com.kippu.atm.center.CardType;
import com.kippu.atm.center.CardValue;
import com.kippu.atm.center.CatalogChoice;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.CommuterPass;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.FareClass;
import com.kippu.atm.center.Holder;
import com.kippu.atm.center.HomePayment;
import com.kippu.atm.center.HomeSession;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.IssuerId;
import com.kippu.atm.center.IssuerKeyTrust;
import com.kippu.atm.center.KioskCenter;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.PendingLoad;
import com.kippu.atm.center.PrepaidCardState;
import com.kippu.atm.center.Product;
import com.kippu.atm.center.ProductId;
import com.kippu.atm.center.ProductQuote;
import com.kippu.atm.center.Quote;
import com.kippu.atm.center.RechargeLimitException;
import com.kippu.atm.center.RechargeQuote;
import com.kippu.atm.center.RegisteredHolder;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.center.ReservationNumber;
import com.kippu.atm.center.ReservationState;
import com.kippu.atm.center.Sale;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.center.SeatUnavailableException;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.payment.Money;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The issuer center reached over HTTP/JSON. Signed documents are verified with the issuer's key
 * before anything is returned; a response that fails the check is an error, never a ticket. Issuer
 * keys come as certificates the center's root key signed and are trusted only when they verify
 * under the root key the terminal was installed with ({@link IssuerKeyTrust}), so a server in the
 * middle cannot substitute a key of its own.
 */
public final class HttpIssuerCenter implements IssuerCenter, KioskCenter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String terminalId;
  private final Duration timeout;
  private final HttpClient http;
  private final Optional<RequestSigner> signer;
  private final Clock clock;
  private final IssuerKeyTrust trust;

  /**
   * @param signer signs every request with the terminal's secret; empty for a center that does not
   *     require terminal authentication
   * @param trust the issuer keys trusted through the installed center root key
   */
  public HttpIssuerCenter(
      URI base,
      String terminalId,
      Duration timeout,
      Optional<RequestSigner> signer,
      IssuerKeyTrust trust,
      Clock clock) {
    this(base, terminalId, timeout, signer, trust, clock, Optional.empty());
  }

  /**
   * As above, over HTTPS with {@code tls} (the center's trust store and, for mutual TLS, this
   * terminal's certificate, S2 ¶52); the host name or address in {@code base} must be the one the
   * center's certificate names.
   */
  public HttpIssuerCenter(
      URI base,
      String terminalId,
      Duration timeout,
      Optional<RequestSigner> signer,
      IssuerKeyTrust trust,
      Clock clock,
      Optional<SSLContext> tls) {
    this.base = base;
    this.trust = trust;
    this.terminalId = terminalId;
    this.timeout = timeout;
    this.signer = signer;
    this.clock = clock;
    this.http = CenterHttp.client(timeout, tls);
  }

  @Override
  public List<EventSummary> events() throws CenterException {
    return eventList(get("/v1/events"));
  }

  @Override
  public List<KioskCenter.CardTypeOffer> cardTypes() throws CenterException {
    List<KioskCenter.CardTypeOffer> types = new ArrayList<>();
    for (JsonNode t : DocumentParser.required(get("/v1/catalog/card-types"), "cardTypes")) {
      try {
        types.add(
            new KioskCenter.CardTypeOffer(
                CardType.valueOf(DocumentParser.text(t, "cardType")),
                DocumentParser.required(t, "offers").asInt()));
      } catch (IllegalArgumentException e) {
        // A card type this terminal does not sell yet is not offered.
      }
    }
    return types;
  }

  @Override
  public List<CatalogChoice> genres() throws CenterException {
    return choices(get("/v1/catalog/genres"), "genres");
  }

  @Override
  public List<CatalogChoice> artists(String genre) throws CenterException {
    return choices(get("/v1/catalog/genres/" + segment(genre) + "/artists"), "artists");
  }

  @Override
  public List<EventSummary> events(String genre, String artist) throws CenterException {
    return eventList(
        get("/v1/catalog/genres/" + segment(genre) + "/artists/" + segment(artist) + "/events"));
  }

  @Override
  public Optional<byte[]> eventImage(EventId eventId) throws CenterException {
    HttpResponse<byte[]> response =
        exchange(
            request("/v1/events/" + eventId.value() + "/image", "GET", new byte[0]).GET().build());
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new CenterException(
          "HTTP_" + response.statusCode(), "image of " + eventId + " not available");
    }
    return Optional.of(response.body());
  }

  @Override
  public Quote quote(EventId eventId, List<SeatId> seatIds) throws CenterException {
    return quote(eventId, seatIds, Optional.empty());
  }

  @Override
  public List<Product> products(CardType type) throws CenterException {
    List<Product> products = new ArrayList<>();
    JsonNode body = get("/v1/catalog/card-types/" + type.name() + "/products");
    for (JsonNode p : DocumentParser.required(body, "products")) {
      products.add(ProductDocuments.product(p, type));
    }
    return products;
  }

  @Override
  public ProductQuote quoteProduct(
      ProductId productId, FareClass fareClass, Optional<LocalDate> validFrom)
      throws CenterException {
    ObjectNode body = JSON.createObjectNode();
    body.put("productId", productId.value());
    body.put("fareClass", fareClass.name());
    validFrom.ifPresent(d -> body.put("validFrom", d.toString()));
    JsonNode answer = post("/v1/product-quotes", body);
    SignedDocument signed = DocumentParser.envelope(DocumentParser.required(answer, "signedQuote"));
    ProductQuote quote = ProductDocuments.quote(signed);
    // The payee is trusted only because its issuer signed it, under a root-certified key.
    verify(quote.issuerId(), signed, "quote for " + productId);
    ProductDocuments.checkEcho(quote, productId, fareClass, validFrom);
    return quote;
  }

  @Override
  public CommuterPass sellPass(
      String requestNumber,
      ProductQuote quote,
      Holder holder,
      CardId cardId,
      PaymentProof payment,
      Optional<RegisteredHolder> registered)
      throws CenterException {
    ObjectNode body = JSON.createObjectNode();
    if (registered.isPresent()) {
      body.put("registeredUser", registered.get().user().value());
      HttpUserCenter.putPin(body, registered.get().pin());
    }
    body.put("requestNumber", requestNumber);
    body.put("productId", quote.productId().value());
    body.put("fareClass", quote.fareClass().name());
    body.put("validFrom", quote.validFrom().orElseThrow().toString());
    body.putObject("holder")
        .put("name", holder.name())
        .put("phone", holder.phone())
        .put("address", holder.address());
    body.put("cardId", cardId.value());
    putPayment(body.putObject("payment"), payment);
    CommuterPass pass = pass(post("/v1/commuter-passes", body));
    ProductDocuments.checkPass(pass, requestNumber, quote, holder, cardId, payment);
    return pass;
  }

  @Override
  public Optional<CommuterPass> passSale(String requestNumber) throws CenterException {
    try {
      return Optional.of(pass(get("/v1/commuter-passes/requests/" + segment(requestNumber))));
    } catch (CenterException e) {
      if ("SALE_NOT_FOUND".equals(e.code())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public boolean withdrawPassPayment(String requestNumber, CardId cardId, PaymentProof payment)
      throws CenterException {
    ObjectNode body = JSON.createObjectNode();
    body.put("cardId", cardId.value());
    putPayment(body.putObject("payment"), payment);
    try {
      JsonNode answer =
          post("/v1/commuter-passes/requests/" + segment(requestNumber) + "/withdrawal", body);
      if (!answer.path("withdrawn").asBoolean(false)) {
        throw new CenterException(
            "MALFORMED_RESPONSE", "withdrawal of " + requestNumber + " not confirmed");
      }
      return true;
    } catch (CenterException e) {
      if ("PASS_SOLD".equals(e.code())) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public Optional<PrepaidCardState> prepaidCard(CardId cardId) throws CenterException {
    try {
      return Optional.of(prepaid(get("/v1/prepaid-cards/" + segment(cardId.value()))));
    } catch (CenterException e) {
      if ("CARD_UNKNOWN".equals(e.code())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public PrepaidCardState activate(CardId cardId, PaymentProof payment) throws CenterException {
    ObjectNode body = JSON.createObjectNode();
    putPayment(body.putObject("payment"), payment);
    PrepaidCardState card =
        prepaid(post("/v1/prepaid-cards/" + segment(cardId.value()) + "/activate", body));
    if (!card.cardId().equals(cardId) || !card.active()) {
      throw new CenterException(
          "BAD_ECHO", "the activation answers for card " + card.cardId() + ", not " + cardId);
    }
    return card;
  }

  private static PrepaidCardState prepaid(JsonNode c) throws CenterException {
    try {
      return new PrepaidCardState(
          new CardId(DocumentParser.text(c, "cardId")),
          new ProductId(DocumentParser.text(c, "productId")),
          new IssuerId(DocumentParser.text(c, "issuerId")),
          "ACTIVE".equals(DocumentParser.text(c, "status")),
          Money.yen(DocumentParser.required(c, "valueYen").asLong()));
    } catch (RuntimeException e) {
      throw new CenterException("BAD_RESPONSE", "prepaid card is malformed: " + e.getMessage(), e);
    }
  }

  private CommuterPass pass(JsonNode answer) throws CenterException {
    SignedDocument signed = DocumentParser.envelope(DocumentParser.required(answer, "signedPass"));
    CommuterPass pass = DocumentParser.pass(signed);
    verify(pass.issuerId(), signed, "pass " + pass.passNumber());
    return pass;
  }

  private static List<CatalogChoice> choices(JsonNode body, String field) throws CenterException {
    List<CatalogChoice> choices = new ArrayList<>();
    for (JsonNode c : DocumentParser.required(body, field)) {
      choices.add(
          new CatalogChoice(
              DocumentParser.text(c, "name"),
              DocumentParser.required(c, "events").asInt(),
              Availability.valueOf(DocumentParser.text(c, "availability"))));
    }
    return choices;
  }

  /** One path segment, percent-encoded (genre and artist names are free text, often Japanese). */
  private static String segment(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static List<EventSummary> eventList(JsonNode body) throws CenterException {
    List<EventSummary> events = new ArrayList<>();
    for (JsonNode e : DocumentParser.required(body, "events")) {
      events.add(
          new EventSummary(
              new EventId(DocumentParser.text(e, "eventId")),
              new IssuerId(DocumentParser.text(e, "issuerId")),
              DocumentParser.text(e, "title"),
              DocumentParser.text(e, "genre"),
              DocumentParser.text(e, "artist"),
              DocumentParser.text(e, "venue"),
              DocumentParser.text(e, "startsAt"),
              Money.yen(DocumentParser.required(e, "priceFromYen").asLong()),
              DocumentParser.required(e, "availableSeats").asInt(),
              DocumentParser.required(e, "totalSeats").asInt(),
              Availability.valueOf(DocumentParser.text(e, "availability"))));
    }
    return events;
  }

  @Override
  public List<Seat> seats(EventId eventId) throws CenterException {
    List<Seat> seats = new ArrayList<>();
    JsonNode body = get("/v1/events/" + eventId.value() + "/seats");
    for (JsonNode s : DocumentParser.required(body, "seats")) {
      seats.add(
          new Seat(
              new SeatId(DocumentParser.text(s, "seatId")),
              DocumentParser.text(s, "section"),
              DocumentParser.text(s, "row"),
              DocumentParser.required(s, "number").asInt(),
              Money.yen(DocumentParser.required(s, "priceYen").asLong()),
              Seat.Status.valueOf(DocumentParser.text(s, "status"))));
    }
    return seats;
  }

  @Override
  public Reservation reserve(
      EventId eventId, List<SeatId> seatIds, CardId cardId, String requestNumber)
      throws CenterException {
    return hold(eventId, seatIds, cardId, requestNumber, false);
  }

  @Override
  public Reservation reserveToPayLater(
      EventId eventId, List<SeatId> seatIds, CardId cardId, String requestNumber)
      throws CenterException {
    return hold(eventId, seatIds, cardId, requestNumber, true);
  }

  private Reservation hold(
      EventId eventId, List<SeatId> seatIds, CardId cardId, String requestNumber, boolean payLater)
      throws CenterException {
    ObjectNode body = seatsOf(eventId, seatIds, cardId);
    body.put("requestNumber", requestNumber);
    if (payLater) {
      body.put("payLater", true);
    }
    JsonNode answer = post("/v1/reservations", body);
    SignedDocument signed =
        DocumentParser.envelope(DocumentParser.required(answer, "signedReservation"));
    Reservation reservation = DocumentParser.reservation(signed);
    verify(reservation.issuerId(), signed, "reservation " + reservation.number());
    // F1: the issuer echoes the request; an answer for another request or card is not ours.
    if (!reservation.requestNumber().equals(requestNumber)
        || !reservation.cardId().equals(cardId)) {
      throw new CenterException(
          "BAD_ECHO", "reservation " + reservation.number() + " does not echo this request");
    }
    return reservation;
  }

  @Override
  public ReservationState state(ReservationNumber number) throws CenterException {
    JsonNode body = get("/v1/reservations/" + number.value());
    try {
      JsonNode ticket = body.get("ticketNumber");
      return new ReservationState(
          new ReservationNumber(DocumentParser.text(body, "reservationNumber")),
          ReservationState.Status.valueOf(DocumentParser.text(body, "status")),
          Instant.parse(DocumentParser.text(body, "expiresAt")),
          ticket == null || ticket.isNull() ? Optional.empty() : Optional.of(ticket.asText()));
    } catch (RuntimeException e) {
      throw new CenterException(
          "BAD_RESPONSE", "reservation state is malformed: " + e.getMessage(), e);
    }
  }

  @Override
  public Ticket replace(String ticketNumber, CardId cardId, String reason) throws CenterException {
    ObjectNode body = JSON.createObjectNode();
    body.put("cardId", cardId.value());
    body.put("reason", reason);
    JsonNode answer = post("/v1/tickets/" + ticketNumber + "/replace", body);
    SignedDocument signed =
        DocumentParser.envelope(DocumentParser.required(answer, "signedTicket"));
    Ticket ticket = DocumentParser.ticket(signed);
    verify(ticket.issuerId(), signed, "ticket " + ticket.ticketNumber());
    if (ticket.ticketNumber().equals(ticketNumber) || !ticket.cardId().equals(cardId)) {
      throw new CenterException(
          "BAD_ECHO", "ticket " + ticket.ticketNumber() + " is no replacement of " + ticketNumber);
    }
    return ticket;
  }

  @Override
  public Ticket issue(ReservationNumber reservation, CardId cardId, PaymentProof payment)
      throws CenterException {
    ObjectNode body = JSON.createObjectNode();
    body.put("cardId", cardId.value());
    putPayment(body.putObject("payment"), payment);
    JsonNode answer = post("/v1/reservations/" + reservation.value() + "/issue", body);
    SignedDocument signed =
        DocumentParser.envelope(DocumentParser.required(answer, "signedTicket"));
    Ticket ticket = DocumentParser.ticket(signed);
    verify(ticket.issuerId(), signed, "ticket " + ticket.ticketNumber());
    if (!ticket.reservationNumber().equals(reservation) || !ticket.cardId().equals(cardId)) {
      throw new CenterException(
          "BAD_ECHO", "ticket " + ticket.ticketNumber() + " is not for reservation " + reservation);
    }
    return ticket;
  }

  @Override
  public Quote quote(EventId eventId, List<SeatId> seatIds, CardId cardId) throws CenterException {
    return quote(eventId, seatIds, Optional.of(cardId));
  }

  /** A quote for the seats, for {@code cardId} or, before the card is known, for no card. */
  public Quote quote(EventId eventId, List<SeatId> seatIds, Optional<CardId> cardId)
      throws CenterException {
    ObjectNode body = JSON.createObjectNode();
    body.put("eventId", eventId.value());
    ArrayNode seats = body.putArray("seatIds");
    seatIds.forEach(s -> seats.add(s.value()));
    cardId.ifPresent(c -> body.put("cardId", c.value()));
    JsonNode answer = post("/v1/quotes", body);
    SignedDocument signed = DocumentParser.envelope(DocumentParser.required(answer, "signedQuote"));
    Quote quote = QuoteDocument.parse(signed);
    // The payee is trusted only because its issuer signed it, under a root-certified key.
    verify(quote.issuerId(), signed, "quote for " + eventId);
    QuoteDocument.checkEcho(quote, eventId, seatIds, cardId);
    return quote;
  }

  @Override
  public Sale purchase(
      EventId eventId,
      List<SeatId> seatIds,
      CardId cardId,
      String requestNumber,
      PaymentProof payment)
      throws CenterException {
    ObjectNode body = seatsOf(eventId, seatIds, cardId);
    body.put("requestNumber", requestNumber);
    putPayment(body.putObject("payment"), payment);
    JsonNode answer = post("/v1/purchases", body);
    SignedDocument signedReservation =
        DocumentParser.envelope(DocumentParser.required(answer, "signedReservation"));
    Reservation reservation = DocumentParser.reservation(signedReservation);
    verify(reservation.issuerId(), signedReservation, "reservation " + reservation.number());
    SignedDocument signedTicket =
        DocumentParser.envelope(DocumentParser.required(answer, "signedTicket"));
    Ticket ticket = DocumentParser.ticket(signedTicket);
    verify(ticket.issuerId(), signedTicket, "ticket " + ticket.ticketNumber());
    if (!reservation.requestNumber().equals(requestNumber)
        || !reservation.cardId().equals(cardId)
        || !ticket.reservationNumber().equals(reservation.number())) {
      throw new CenterException(
          "BAD_ECHO", "purchase answer does not echo request " + requestNumber);
    }
    return new Sale(reservation, ticket);
  }

  @Override
  public CardValue cardValue(CardId cardId) throws CenterException {
    return cardValueOf(get("/v1/prepaid-cards/" + cardId.value()), cardId);
  }

  @Override
  public RechargeQuote rechargeQuote(CardId cardId, Money amount) throws CenterException {
    ObjectNode body = JSON.createObjectNode();
    body.put("amountYen", amount.yen());
    JsonNode answer = post("/v1/prepaid-cards/" + cardId.value() + "/recharge-quote", body);
    SignedDocument signed = DocumentParser.envelope(DocumentParser.required(answer, "signedQuote"));
    RechargeQuote quote = RechargeQuoteDocument.parse(signed);
    // The payee is trusted only because the card's issuer signed it, under a certified key.
    verify(quote.issuerId(), signed, "recharge quote for card " + cardId);
    RechargeQuoteDocument.checkEcho(quote, cardId, amount);
    return quote;
  }

  @Override
  public CardValue recharge(CardId cardId, PaymentProof payment) throws CenterException {
    ObjectNode body = JSON.createObjectNode();
    putPayment(body.putObject("payment"), payment);
    return cardValueOf(post("/v1/prepaid-cards/" + cardId.value() + "/recharge", body), cardId);
  }

  @Override
  public CardValue recharge(CardId cardId, PaymentProof payment, String purseTransactionId)
      throws CenterException {
    ObjectNode body = JSON.createObjectNode();
    putPayment(body.putObject("payment"), payment);
    body.put("purseTransactionId", purseTransactionId);
    return cardValueOf(post("/v1/prepaid-cards/" + cardId.value() + "/recharge", body), cardId);
  }

  @Override
  public List<PendingLoad> pendingLoads(CardId cardId) throws CenterException {
    JsonNode answer = get("/v1/prepaid-cards/" + cardId.value() + "/pending-loads");
    if (!cardId.value().equals(answer.path("cardId").asText())) {
      throw new CenterException("BAD_ECHO", "the center answered for another card than " + cardId);
    }
    List<PendingLoad> loads = new ArrayList<>();
    for (JsonNode l : DocumentParser.required(answer, "loads")) {
      loads.add(
          new PendingLoad(
              cardId,
              DocumentParser.text(l, "purseTransactionId"),
              Money.yen(DocumentParser.required(l, "amountYen").asLong())));
    }
    return loads;
  }

  @Override
  public void loaded(CardId cardId, String purseTransactionId) throws CenterException {
    post(
        "/v1/prepaid-cards/" + cardId.value() + "/pending-loads/" + purseTransactionId + "/loaded",
        JSON.createObjectNode());
  }

  private static CardValue cardValueOf(JsonNode answer, CardId cardId) throws CenterException {
    if (!cardId.value().equals(answer.path("cardId").asText())) {
      throw new CenterException("BAD_ECHO", "the center answered for another card than " + cardId);
    }
    return new CardValue(
        cardId,
        new IssuerId(DocumentParser.text(answer, "issuerId")),
        "ACTIVE".equals(answer.path("status").asText()),
        Money.yen(DocumentParser.required(answer, "valueYen").asLong()));
  }

  @Override
  public HomeSession homeLogin(String userId, char[] password) throws CenterException {
    ObjectNode body = JSON.createObjectNode();
    body.put("userId", userId);
    body.put("password", new String(password));
    JsonNode answer = post("/v1/home/sessions", body);
    return new HomeSession(
        DocumentParser.text(answer, "session"),
        DocumentParser.text(answer, "userId"),
        DocumentParser.text(answer, "maskedCard"),
        Instant.parse(DocumentParser.text(answer, "expiresAt")));
  }

  @Override
  public void homeLinkCard(HomeSession session, CardId card, CardProof proof)
      throws CenterException {
    ObjectNode body = JSON.createObjectNode().put("cardId", card.value());
    body.putObject("cardProof")
        .put("challengeId", proof.challengeId())
        .put("response", java.util.Base64.getEncoder().encodeToString(proof.response()));
    byte[] bytes = bytes("/v1/home/cards", body);
    JsonNode a =
        send(
            request("/v1/home/cards", "POST", bytes)
                .header("Content-Type", "application/json")
                .header("X-Home-Session", session.token())
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
    if (!card.value().equals(a.path("cardId").asText())) {
      throw new CenterException("BAD_ECHO", "the center recorded another card");
    }
  }

  @Override
  public HomePayment homePay(
      HomeSession session, String reference, Money amount, Optional<String[]> keyed)
      throws CenterException {
    ObjectNode body = JSON.createObjectNode();
    body.put("reference", reference);
    body.put("amountYen", amount.yen());
    keyed.ifPresent(k -> body.putObject("card").put("number", k[0]).put("expiry", k[1]));
    return postHomePayment(session, body, reference);
  }

  @Override
  public HomePayment homePayByBank(
      HomeSession session,
      String reference,
      Money amount,
      com.kippu.atm.payment.AccountNumber from,
      com.kippu.atm.payment.AccountNumber payee,
      com.kippu.atm.center.UserPin pin)
      throws CenterException {
    ObjectNode body = JSON.createObjectNode();
    body.put("reference", reference);
    body.put("amountYen", amount.yen());
    ObjectNode order =
        body.putObject("onlineBanking")
            .put("account", from.value())
            .put("payeeAccount", payee.value());
    HttpUserCenter.putPin(order, pin);
    return postHomePayment(session, body, reference);
  }

  private HomePayment postHomePayment(HomeSession session, ObjectNode body, String reference)
      throws CenterException {
    byte[] bytes = bytes("/v1/home/payments", body);
    return homePaymentOf(
        send(
            request("/v1/home/payments", "POST", bytes)
                .header("Content-Type", "application/json")
                .header("X-Home-Session", session.token())
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build()),
        reference);
  }

  @Override
  public HomePayment homePayment(String reference) throws CenterException {
    return homePaymentOf(get("/v1/home/payments/" + reference), reference);
  }

  @Override
  public HomePayment homeReverse(String reference) throws CenterException {
    return homePaymentOf(
        post("/v1/home/payments/" + reference + "/reverse", JSON.createObjectNode()), reference);
  }

  private static HomePayment homePaymentOf(JsonNode a, String reference) throws CenterException {
    if (!reference.equals(a.path("reference").asText())) {
      throw new CenterException("BAD_ECHO", "the center answered for another payment");
    }
    String method = a.path("method").asText("CARD");
    return new HomePayment(
        reference,
        method,
        DocumentParser.text(a, "status"),
        a.path("responseCode").asText(""),
        Money.yen(DocumentParser.required(a, "amountYen").asLong()),
        DocumentParser.text(a, method.equals("ONLINE_BANKING") ? "maskedAccount" : "maskedCard"),
        a.path("rrn").asText(""),
        a.path("approvalCode").asText(""),
        a.path("stan").asText(""),
        a.hasNonNull("paidAt") ? Instant.parse(a.get("paidAt").asText()) : null);
  }

  @Override
  public List<ApplicationOffer> applications() throws CenterException {
    List<ApplicationOffer> offers = new ArrayList<>();
    for (JsonNode a : DocumentParser.required(get("/v1/applications"), "applications")) {
      offers.add(
          new ApplicationOffer(
              DocumentParser.text(a, "appId"),
              DocumentParser.required(a, "version").asInt(),
              DocumentParser.text(a, "name"),
              Money.yen(DocumentParser.required(a, "priceYen").asLong())));
    }
    return offers;
  }

  @Override
  public ApplicationPackage application(String appId) throws CenterException {
    JsonNode answer = get("/v1/applications/" + appId);
    SignedDocument signed =
        DocumentParser.envelope(DocumentParser.required(answer, "signedApplication"));
    byte[] code;
    try {
      code = java.util.Base64.getDecoder().decode(DocumentParser.text(answer, "code"));
    } catch (IllegalArgumentException e) {
      throw new CenterException("BAD_RESPONSE", "application code is not base64", e);
    }
    ApplicationPackage p = ApplicationDocument.parse(signed, code);
    // Installed only as its issuer published it: the descriptor's signature, then the code's hash.
    verify(p.issuerId(), signed, "application " + appId);
    ApplicationDocument.checkCode(signed, code);
    if (!p.appId().equals(appId)) {
      throw new CenterException("BAD_ECHO", "the center sent another application than " + appId);
    }
    return p;
  }

  @Override
  public String recordApplicationSale(
      String requestNumber, String appId, int version, CardId cardId, PaymentProof payment)
      throws CenterException {
    ObjectNode body = JSON.createObjectNode();
    body.put("requestNumber", requestNumber);
    body.put("version", version);
    body.put("cardId", cardId.value());
    putPayment(body.putObject("payment"), payment);
    JsonNode answer = post("/v1/applications/" + segment(appId) + "/sales", body);
    if (!appId.equals(answer.path("appId").asText())
        || answer.path("version").asInt() != version
        || !cardId.value().equals(answer.path("cardId").asText())) {
      throw new CenterException("BAD_ECHO", "the center recorded another sale than " + appId);
    }
    return DocumentParser.text(answer, "saleId");
  }

  private static ObjectNode seatsOf(EventId eventId, List<SeatId> seatIds, CardId cardId) {
    ObjectNode body = JSON.createObjectNode();
    body.put("eventId", eventId.value());
    ArrayNode seats = body.putArray("seatIds");
    seatIds.forEach(s -> seats.add(s.value()));
    body.put("cardId", cardId.value());
    return body;
  }

  private static void putPayment(ObjectNode p, PaymentProof payment) {
    p.put("method", payment.method());
    p.put("amountYen", payment.amount().yen());
    p.put("reference", payment.reference());
    p.put("approvalCode", payment.approvalCode());
    p.put("stan", payment.stan());
    p.put("paidAt", payment.paidAt().toString());
    p.put("acquirer", payment.acquirer());
    if (!payment.details().isEmpty()) {
      ObjectNode details = p.putObject("details");
      payment.details().forEach(details::put);
    }
  }

  @Override
  public void cancel(ReservationNumber number, String reason) throws CenterException {
    ObjectNode body = JSON.createObjectNode();
    body.put("reason", reason);
    post("/v1/reservations/" + number.value() + "/cancel", body);
  }

  @Override
  public PublicKey issuerKey(IssuerId issuerId) throws CenterException {
    return certifiedKey(issuerId).key();
  }

  /** The issuer's key from the trust store, or its certificate fetched and checked first. */
  private IssuerKeyTrust.CertifiedKey certifiedKey(IssuerId issuerId) throws CenterException {
    Optional<IssuerKeyTrust.CertifiedKey> known = trust.key(issuerId);
    if (known.isPresent()) {
      return known.get();
    }
    JsonNode body = get("/v1/issuers/" + issuerId.value() + "/key-certificate");
    SignedDocument certificate =
        DocumentParser.envelope(DocumentParser.required(body, "certificate"));
    IssuerKeyTrust.CertifiedKey key = trust.accept(certificate);
    if (!key.issuerId().equals(issuerId)) {
      throw new CenterException(
          IssuerKeyTrust.UNTRUSTED_KEY,
          "the center answered for issuer " + issuerId + " with the key of " + key.issuerId());
    }
    return key;
  }

  private void verify(IssuerId issuer, SignedDocument signed, String what) throws CenterException {
    certifiedKey(issuer);
    if (!trust.verify(signed, issuer)) {
      throw new CenterException(
          "BAD_SIGNATURE", what + " does not carry a valid signature of " + issuer);
    }
  }

  private JsonNode get(String path) throws CenterException {
    return send(request(path, "GET", new byte[0]).GET().build());
  }

  private static byte[] bytes(String path, JsonNode body) throws CenterException {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new CenterException("BAD_REQUEST", "cannot encode request to " + path, e);
    }
  }

  private JsonNode post(String path, JsonNode body) throws CenterException {
    byte[] bytes = bytes(path, body);
    return send(
        request(path, "POST", bytes)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build());
  }

  private HttpRequest.Builder request(String path, String method, byte[] body) {
    URI uri = base.resolve(path);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("X-Terminal-Id", terminalId);
    if (signer.isPresent()) {
      long now = clock.instant().getEpochSecond();
      String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      String nonce = RequestSigner.newNonce();
      builder
          .header("X-Kippu-Timestamp", Long.toString(now))
          .header("X-Kippu-Nonce", nonce)
          .header("X-Kippu-Signature", signer.get().sign(method, target, body, now, nonce));
    }
    return builder;
  }

  private HttpResponse<byte[]> exchange(HttpRequest request) throws CenterException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new CenterException("UNREACHABLE", "issuer center " + base + " unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CenterException("UNREACHABLE", "interrupted waiting for the issuer center", e);
    }
  }

  private JsonNode send(HttpRequest request) throws CenterException {
    HttpResponse<byte[]> response = exchange(request);
    JsonNode body = parse(response);
    if (response.statusCode() / 100 == 2) {
      return body;
    }
    String code = body.path("error").asText("HTTP_" + response.statusCode());
    String message =
        body.path("message").asText(new String(response.body(), StandardCharsets.UTF_8));
    if ("SEAT_UNAVAILABLE".equals(code)) {
      List<SeatId> taken = new ArrayList<>();
      body.path("seatIds").forEach(s -> taken.add(new SeatId(s.asText())));
      throw new SeatUnavailableException(taken, message);
    }
    JsonNode limit = body.path("limit");
    if (("VALUE_LIMIT".equals(code) || "DAILY_LIMIT".equals(code))
        && limit.path("remainingYen").canConvertToLong()
        && limit.path("remainingYen").asLong() >= 0
        && limit.path("limitYen").canConvertToLong()
        && limit.path("limitYen").asLong() >= 0) {
      throw new RechargeLimitException(
          code,
          request.method() + " " + request.uri().getPath() + ": " + message,
          Money.yen(limit.path("limitYen").asLong()),
          Money.yen(limit.path("remainingYen").asLong()));
    }
    throw new CenterException(
        code, request.method() + " " + request.uri().getPath() + ": " + message);
  }

  private static JsonNode parse(HttpResponse<byte[]> response) throws CenterException {
    try {
      return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new CenterException(
          "BAD_RESPONSE",
          "issuer center answered HTTP " + response.statusCode() + " with a body that is not JSON",
          e);
    }
  }
}
