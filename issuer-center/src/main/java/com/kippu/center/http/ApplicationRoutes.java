package com.kippu.center.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.application.ApplicationSale;
import com.kippu.center.application.ApplicationSales;
import com.kippu.center.application.CardApplication;
import com.kippu.center.application.CardApplications;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.common.Answer;
import com.kippu.center.common.Yen;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.RequestNumber;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.sales.ProductSaleOutcome;
import java.util.Base64;
import java.util.Optional;

/**
 * Card applications (F11, S2 ¶21, ¶45, ¶53): an issuer uploads a version under its own signature;
 * terminals list them, fetch one with its issuer-signed descriptor to install on a card, and record
 * the sale once it is installed and paid.
 */
public final class ApplicationRoutes implements RouteGroup {
  static final int MAX_CODE_BYTES = 32 * 1024;

  private final CardApplications applications;
  private final ApplicationSales sales;

  public ApplicationRoutes(CardApplications applications, ApplicationSales sales) {
    this.applications = applications;
    this.sales = sales;
  }

  @Override
  public void register(Router router, Guards guards) {
    router
        .add("PUT", "/v1/issuers/{}/applications/{}", guards.issuer(this::upload))
        .add("GET", "/v1/applications", guards.terminal(r -> list()))
        .add("GET", "/v1/applications/{}", guards.terminal(this::fetch))
        .add("POST", "/v1/applications/{}/sales", guards.terminal(this::sell));
  }

  private Response upload(Request request) throws ApiException {
    String appId = request.pathParam(1);
    if (!appId.matches("[a-z0-9][a-z0-9-]{1,39}")) {
      throw ApiException.invalid("appId", "must be 2-40 lower-case letters, digits or dashes");
    }
    JsonFields body = request.body();
    String aid = body.text("aid", 32);
    if (!aid.matches("([0-9A-F]{2}){5,16}")) {
      throw ApiException.invalid("aid", "must be 5 to 16 bytes in upper-case hex");
    }
    byte[] code;
    try {
      code = Base64.getDecoder().decode(body.text("code", MAX_CODE_BYTES * 2));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("code", "must be base64");
    }
    if (code.length == 0 || code.length > MAX_CODE_BYTES) {
      throw ApiException.invalid("code", "must be 1 to " + MAX_CODE_BYTES + " bytes");
    }
    boolean added =
        applications.upload(
            new IssuerId(request.pathParam(0)),
            appId,
            body.intValue("version", 1, 65_535),
            aid,
            body.text("name", 80),
            body.boundedLong("priceYen", 0, Yen.MAX_PRICE),
            code);
    if (!added) {
      return Response.error(
          409, "VERSION_EXISTS", "this version of " + appId + " was uploaded already", "version");
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("appId", appId);
    out.put("uploaded", true);
    return Response.json(201, out);
  }

  private Response list() {
    ObjectNode out = Response.JSON.createObjectNode();
    ArrayNode list = out.putArray("applications");
    for (CardApplication a : applications.latest()) {
      list.addObject()
          .put("appId", a.appId())
          .put("version", a.version())
          .put("name", a.name())
          .put("issuerId", a.issuerId().value())
          .put("priceYen", a.priceYen());
    }
    return Response.json(200, out);
  }

  /** A terminal installed a version on a card after payment: the sale its issuer is told of. */
  private Response sell(Request request) throws ApiException {
    TerminalId terminal = request.terminalId();
    JsonFields body = request.body();
    CardId card = body.value("cardId", CardId::new);
    Answer<ProductSaleOutcome, ApplicationSale> done =
        sales.sell(
            new ApplicationSales.Order(
                terminal,
                body.value("requestNumber", RequestNumber::new),
                request.pathParam(0),
                body.intValue("version", 1, 65_535),
                card,
                CenterApi.payment(body, terminal, card)));
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    ApplicationSale sale = done.value();
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("saleId", sale.saleId());
    out.put("appId", sale.appId());
    out.put("version", sale.version());
    out.put("cardId", sale.cardId().value());
    out.put("issuerId", sale.issuerId().value());
    out.put("amountYen", sale.amountYen());
    return Response.json(OutcomeStatus.of(done.outcome()), out);
  }

  private Response fetch(Request request) {
    Optional<CardApplications.Signed> found = applications.fetch(request.pathParam(0));
    if (found.isEmpty()) {
      return Response.error(
          404, "APPLICATION_NOT_FOUND", "no application " + request.pathParam(0), null);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.set("signedApplication", CenterApi.envelope(found.get().descriptor()));
    out.put("code", Base64.getEncoder().encodeToString(found.get().application().code()));
    return Response.json(200, out);
  }
}
