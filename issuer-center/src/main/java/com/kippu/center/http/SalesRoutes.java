package com.kippu.center.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.CenterCommits;
import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.catalog.SeatId;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.RequestNumber;
import com.kippu.center.reservation.ReserveCommand;
import com.kippu.center.reservation.Result;
import com.kippu.center.sales.Purchase;
import com.kippu.center.sales.PurchaseService;
import com.kippu.center.sales.Quotes;
import com.kippu.center.settlement.SettlementCsv;
import com.kippu.center.settlement.SettlementService;
import com.kippu.center.signing.SignedDocument;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Direct purchase (F6) for terminals — a signed quote naming price and payee, then the purchase —
 * and settlement statements (S2 ¶25) for the operator.
 */
public final class SalesRoutes implements RouteGroup {
  static final String CSV = "text/csv; charset=utf-8";

  private final PurchaseService purchases;
  private final Quotes quotes;
  private final SettlementService settlements;

  public SalesRoutes(PurchaseService purchases, Quotes quotes, SettlementService settlements) {
    this.purchases = purchases;
    this.quotes = quotes;
    this.settlements = settlements;
  }

  @Override
  public void register(Router router, Guards guards) {
    router
        .add("POST", "/v1/quotes", guards.terminal(this::quote))
        .add("POST", "/v1/purchases", guards.terminal(this::purchase))
        .add("GET", "/v1/settlements/{}", guards.admin(this::summary))
        .add("GET", "/v1/settlements/{}/{}", guards.admin(this::detail));
  }

  private Response quote(Request request) throws ApiException {
    JsonFields body = request.body();
    Result<SignedDocument> result =
        quotes.quote(
            request.terminalId(),
            body.value("eventId", EventId::new),
            body.distinctValues("seatIds", CenterApi.MAX_SEATS_PER_RESERVATION, SeatId::new),
            body.has("cardId") ? Optional.of(body.value("cardId", CardId::new)) : Optional.empty());
    if (!result.success()) {
      return CenterApi.failure(result);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.set("signedQuote", CenterApi.envelope(result.value()));
    return Response.json(201, out);
  }

  private Response purchase(Request request) throws ApiException {
    var terminal = request.terminalId();
    JsonFields body = request.body();
    ReserveCommand cmd =
        new ReserveCommand(
            terminal,
            body.value("requestNumber", RequestNumber::new),
            body.value("eventId", EventId::new),
            body.distinctValues("seatIds", CenterApi.MAX_SEATS_PER_RESERVATION, SeatId::new),
            body.value("cardId", CardId::new));
    PaymentProof payment = CenterApi.payment(body, terminal, cmd.cardId());
    Result<Purchase> result = purchases.purchase(cmd, payment);
    CenterCommits.committed(CenterCommits.SALES);
    if (!result.success()) {
      return CenterApi.failure(result);
    }
    Purchase p = result.value();
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("reservationNumber", p.hold().reservation().number().value());
    out.put("ticketNumber", p.ticket().ticketNumber().value());
    out.put("amountYen", p.hold().reservation().amountYen());
    out.put("issuerId", p.hold().issuer().issuerId().value());
    out.set("signedReservation", CenterApi.envelope(p.hold().signedReservation()));
    out.set("signedTicket", CenterApi.envelope(p.ticket().signed()));
    return Response.json(201, out);
  }

  private Response summary(Request request) throws ApiException {
    YearMonth period = period(request.pathParam(0));
    return new Response(200, CSV, SettlementCsv.summary(settlements.settle(period)));
  }

  private Response detail(Request request) throws ApiException {
    YearMonth period = period(request.pathParam(0));
    Optional<IssuerId> issuer = CenterApi.id(request.pathParam(1), IssuerId::new);
    if (issuer.isEmpty()) {
      return Response.error(404, "ISSUER_NOT_FOUND", "no issuer " + request.pathParam(1), null);
    }
    return new Response(
        200, CSV, SettlementCsv.payments(settlements.payments(issuer.get(), period)));
  }

  private static YearMonth period(String raw) throws ApiException {
    try {
      return YearMonth.parse(raw);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid("period", "must be a month, YYYY-MM");
    }
  }
}
