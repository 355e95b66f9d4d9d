package com.kippu.center.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.common.Answer;
import com.kippu.center.issuer.AccountOutcome;
import com.kippu.center.issuer.Enrolment;
import com.kippu.center.issuer.IssuerAccount;
import com.kippu.center.issuer.IssuerAdministration;
import com.kippu.center.issuer.IssuerKind;
import com.kippu.center.issuer.SalesEndpointPolicy;
import java.net.URI;
import java.util.Optional;

/**
 * The operator's issuer routes: enrol or update an issuer, approve a payee bank account change
 * another operator proposed (dual control), rotate or remove an issuer's API secret.
 */
public final class IssuerAdminRoutes implements RouteGroup {
  private static final String PATH = "/v1/admin/issuers/{}";
  private static final int MAX_TEXT = 120;
  private static final int MAX_BANK_ACCOUNT = 40;

  private final IssuerAdministration administration;
  private final SalesEndpointPolicy salesEndpoints;

  public IssuerAdminRoutes(
      IssuerAdministration administration, SalesEndpointPolicy salesEndpoints) {
    this.administration = administration;
    this.salesEndpoints = salesEndpoints;
  }

  @Override
  public void register(Router router, Guards guards) {
    router
        .add("PUT", PATH, guards.admin(this::enrol))
        .add("POST", PATH + "/bank-account/approve", guards.admin(this::approveBankAccount))
        .add("POST", PATH + "/rotate-secret", guards.admin(this::rotateSecret))
        .add("POST", PATH + "/deactivate", guards.admin(this::deactivate));
  }

  private Response enrol(Request request) throws ApiException {
    Optional<IssuerId> id = CenterApi.id(request.pathParam(0), IssuerId::new);
    if (id.isEmpty()) {
      throw ApiException.invalid("issuerId", "is not a valid issuer id");
    }
    JsonFields body = request.body();
    IssuerAccount account;
    try {
      account =
          new IssuerAccount(
              id.get(),
              body.text("name", MAX_TEXT),
              body.enumValue("kind", IssuerKind.class),
              body.text("bankAccount", MAX_BANK_ACCOUNT),
              body.intValue("feeBps", 0, IssuerAccount.MAX_BPS),
              body.has("salesEndpoint")
                  ? Optional.of(URI.create(body.text("salesEndpoint", 300)))
                  : Optional.empty());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("salesEndpoint", e.getMessage());
    }
    Optional<String> refused = account.salesEndpoint().flatMap(salesEndpoints::refusal);
    if (refused.isPresent()) {
      throw ApiException.invalid("salesEndpoint", refused.get());
    }
    Answer<AccountOutcome, Enrolment> done = administration.enrol(account, request.operator());
    Enrolment e = done.value();
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("issuerId", e.account().issuerId().value());
    out.put("name", e.account().name());
    out.put("kind", e.account().kind().name());
    out.put("bankAccount", e.account().bankAccount());
    out.put("feeBps", e.account().feeBps());
    e.account().salesEndpoint().ifPresent(u -> out.put("salesEndpoint", u.toString()));
    out.put("keyId", e.account().issuerId().value() + "#1");
    e.newApiSecret().ifPresent(s -> out.put("apiSecret", s));
    e.pendingBankAccount()
        .ifPresent(
            p ->
                out.putObject("pendingBankAccount")
                    .put("bankAccount", p.bankAccount())
                    .put("proposedBy", p.proposedBy())
                    .put("proposedAt", p.proposedAt().toString()));
    return Response.json(OutcomeStatus.of(done.outcome()), out);
  }

  private Response approveBankAccount(Request request) throws ApiException {
    IssuerId id = issuerId(request);
    String bankAccount = request.body().text("bankAccount", MAX_BANK_ACCOUNT);
    Answer<AccountOutcome, IssuerAccount> done =
        administration.approveBankAccount(id, bankAccount, request.operator());
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("issuerId", id.value());
    out.put("bankAccount", done.value().bankAccount());
    out.put("approvedBy", request.operator());
    return Response.json(OutcomeStatus.of(done.outcome()), out);
  }

  private Response rotateSecret(Request request) throws ApiException {
    IssuerId id = issuerId(request);
    Answer<AccountOutcome, String> done = administration.rotateSecret(id);
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("issuerId", id.value());
    out.put("apiSecret", done.value());
    return Response.json(OutcomeStatus.of(done.outcome()), out);
  }

  private Response deactivate(Request request) throws ApiException {
    IssuerId id = issuerId(request);
    Answer<AccountOutcome, IssuerId> done = administration.deactivate(id);
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("issuerId", id.value());
    out.put("active", false);
    return Response.json(OutcomeStatus.of(done.outcome()), out);
  }

  private static IssuerId issuerId(Request request) throws ApiException {
    return CenterApi.id(request.pathParam(0), IssuerId::new)
        .orElseThrow(() -> ApiException.invalid("issuerId", "is not a valid issuer id"));
  }
}
