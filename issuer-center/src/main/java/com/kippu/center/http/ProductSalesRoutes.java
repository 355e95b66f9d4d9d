package com.kippu.center.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.CenterCommits;
import com.kippu.center.common.Answer;
import com.kippu.center.product.FareClass;
import com.kippu.center.product.ProductId;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.RequestNumber;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.sales.Holder;
import com.kippu.center.sales.PassSale;
import com.kippu.center.sales.PassSales;
import com.kippu.center.sales.ProductQuotes;
import com.kippu.center.sales.ProductSaleOutcome;
import com.kippu.center.signing.SignedDocument;
import com.kippu.center.user.Identities;
import com.kippu.center.user.IdentityCheck;
import com.kippu.center.user.UserId;
import com.kippu.center.user.UserOutcome;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What a kiosk sells without a seat (F7, S2 ¶26-29): signed quotes for commuter passes and prepaid
 * cards, and the sale of a commuter pass with its holder's details, asked for again by its request
 * number when an answer was lost. A pass in a registered user's name ({@code registeredUser} with
 * the user's PIN) is sold only to a registration an operator identity-checked (S2 ¶35, ¶37).
 */
public final class ProductSalesRoutes implements RouteGroup {
  private final ProductQuotes quotes;
  private final PassSales passes;
  private final Identities identities;
  private final UserPins pins;

  public ProductSalesRoutes(
      ProductQuotes quotes, PassSales passes, Identities identities, UserPins pins) {
    this.quotes = quotes;
    this.passes = passes;
    this.identities = identities;
    this.pins = pins;
  }

  @Override
  public void register(Router router, Guards guards) {
    router
        .add("POST", "/v1/product-quotes", guards.terminal(this::quote))
        .add("POST", "/v1/commuter-passes", guards.terminal(this::sell))
        .add("GET", "/v1/commuter-passes/requests/{}", guards.terminal(this::byRequest))
        .add("POST", "/v1/commuter-passes/requests/{}/withdrawal", guards.terminal(this::withdraw));
  }

  private Response quote(Request request) throws ApiException {
    JsonFields body = request.body();
    Answer<ProductSaleOutcome, SignedDocument> done =
        quotes.quote(
            request.terminalId(),
            body.value("productId", ProductId::new),
            fareClass(body),
            body.has("validFrom") ? Optional.of(date(body, "validFrom")) : Optional.empty());
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.set("signedQuote", CenterApi.envelope(done.value()));
    return Response.json(201, out);
  }

  private Response sell(Request request) throws ApiException {
    TerminalId terminal = request.terminalId();
    JsonFields body = request.body();
    CardId card = body.value("cardId", CardId::new);
    JsonFields h = body.object("holder");
    Holder holder;
    try {
      holder =
          new Holder(
              h.text("name", Holder.MAX_NAME),
              h.text("phone", Holder.MAX_PHONE),
              h.text("address", Holder.MAX_ADDRESS));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("holder", e.getMessage());
    }
    PaymentProof payment = CenterApi.payment(body, terminal, card);
    Optional<UserId> registered = Optional.empty();
    if (body.has("registeredUser")) {
      UserId user = body.value("registeredUser", UserId::new);
      Answer<UserOutcome, IdentityCheck> confirmed =
          identities.confirmHolder(terminal, user, pins.pin(request, body, user), holder.name());
      if (!confirmed.success()) {
        return Answers.refusal(confirmed, OutcomeStatus::of);
      }
      registered = Optional.of(user);
    }
    Answer<ProductSaleOutcome, PassSale> done =
        passes.sell(
            new PassSales.Order(
                terminal,
                body.value("requestNumber", RequestNumber::new),
                body.value("productId", ProductId::new),
                fareClass(body),
                date(body, "validFrom"),
                holder,
                card,
                payment,
                registered));
    CenterCommits.committed(CenterCommits.SALES);
    return sale(done);
  }

  private Response byRequest(Request request) throws ApiException {
    return sale(passes.find(request.terminalId(), requestNumber(request)));
  }

  private Response withdraw(Request request) throws ApiException {
    TerminalId terminal = request.terminalId();
    JsonFields body = request.body();
    CardId card = body.value("cardId", CardId::new);
    Answer<ProductSaleOutcome, RequestNumber> done =
        passes.withdraw(terminal, requestNumber(request), CenterApi.payment(body, terminal, card));
    CenterCommits.committed(CenterCommits.SALES);
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("requestNumber", done.value().value());
    out.put("withdrawn", true);
    return Response.json(OutcomeStatus.of(done.outcome()), out);
  }

  private static RequestNumber requestNumber(Request request) throws ApiException {
    Optional<RequestNumber> number = CenterApi.id(request.pathParam(0), RequestNumber::new);
    if (number.isEmpty()) {
      throw ApiException.invalid("requestNumber", "is not a valid request number");
    }
    return number.get();
  }

  private static Response sale(Answer<ProductSaleOutcome, PassSale> done) {
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("passNumber", done.value().passNumber());
    out.set("signedPass", CenterApi.envelope(done.value().signed()));
    return Response.json(OutcomeStatus.of(done.outcome()), out);
  }

  private static FareClass fareClass(JsonFields body) throws ApiException {
    return body.has("fareClass") ? body.enumValue("fareClass", FareClass.class) : FareClass.ADULT;
  }

  private static LocalDate date(JsonFields body, String field) throws ApiException {
    try {
      return LocalDate.parse(body.text(field, 10));
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(field, "must be a date, yyyy-mm-dd");
    }
  }
}
