package com.kippu.center.http;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.issuer.IssuerAuthenticator;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.terminal.TerminalAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may call a route: terminals (HMAC signature when terminal authentication is on), issuers
 * (always signed, and only for their own {@code /v1/issuers/{issuerId}/...} resources) and the
 * operator (bearer token {@code center.admin.token}; no token configured, no operator routes).
 */
public final class Guards {
  static final String ISSUER_HEADER = "X-Issuer-Id";

  private final Optional<TerminalAuthenticator> terminals;
  private final IssuerAuthenticator issuers;
  private final byte[] adminToken;

  public Guards(
      Optional<TerminalAuthenticator> terminals, IssuerAuthenticator issuers, String adminToken) {
    this.terminals = terminals;
    this.issuers = issuers;
    this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
  }

  /** A terminal route: with authentication on, an unsigned or tampered request is 401. */
  Endpoint terminal(Endpoint endpoint) {
    if (terminals.isEmpty()) {
      return endpoint;
    }
    return request -> {
      authenticate(terminals.get(), request);
      return endpoint.handle(request);
    };
  }

  /** A terminal route answered later; the same check, made before the work is handed on. */
  DeferredEndpoint terminalDeferred(DeferredEndpoint endpoint) {
    if (terminals.isEmpty()) {
      return endpoint;
    }
    return request -> {
      authenticate(terminals.get(), request);
      return endpoint.handle(request);
    };
  }

  private static void authenticate(TerminalAuthenticator auth, Request request)
      throws ApiException {
    TerminalId terminal;
    try {
      terminal = request.terminalId();
    } catch (ApiException e) {
      throw new ApiException(401, e.code(), e.getMessage(), e.field());
    }
    var refusal =
        auth.check(
            terminal,
            request.method(),
            request.rawTarget(),
            request.rawBody(),
            request.header(CenterApi.TIMESTAMP_HEADER),
            request.header(CenterApi.SIGNATURE_HEADER),
            CenterApi.TIMESTAMP_HEADER,
            CenterApi.SIGNATURE_HEADER);
    if (refusal.isPresent()) {
      throw new ApiException(
          401, refusal.get().code(), refusal.get().message(), refusal.get().field());
    }
  }

  /** An issuer route under {@code /v1/issuers/{issuerId}}: signed by that issuer, 401/403 else. */
  Endpoint issuer(Endpoint endpoint) {
    return request -> {
      String claimed = request.header(ISSUER_HEADER);
      if (claimed == null || claimed.isBlank()) {
        throw new ApiException(
            401, "MISSING_HEADER", "header " + ISSUER_HEADER + " is required", ISSUER_HEADER);
      }
      IssuerId issuer;
      try {
        issuer = new IssuerId(claimed.strip());
      } catch (IllegalArgumentException e) {
        throw new ApiException(401, "INVALID_HEADER", e.getMessage(), ISSUER_HEADER);
      }
      var refusal =
          issuers.check(
              issuer,
              request.method(),
              request.rawTarget(),
              request.rawBody(),
              request.header(CenterApi.TIMESTAMP_HEADER),
              request.header(CenterApi.SIGNATURE_HEADER),
              CenterApi.TIMESTAMP_HEADER,
              CenterApi.SIGNATURE_HEADER);
      if (refusal.isPresent()) {
        throw new ApiException(
            401, refusal.get().code(), refusal.get().message(), refusal.get().field());
      }
      if (!issuer.value().equals(request.pathParam(0))) {
        throw new ApiException(
            403, "NOT_YOUR_ACCOUNT", "issuer " + issuer + " may only change its own catalog", null);
      }
      return endpoint.handle(request);
    };
  }

  /** An operator route: {@code Authorization: Bearer <center.admin.token>}. */
  Endpoint admin(Endpoint endpoint) {
    return request -> {
      if (adminToken.length == 0) {
        throw new ApiException(
            403, "ADMIN_DISABLED", "operator routes are off (no center.admin.token)", null);
      }
      String auth = request.header("Authorization");
      byte[] given =
          auth == null || !auth.startsWith("Bearer ")
              ? new byte[0]
              : auth.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(adminToken, given)) {
        throw new ApiException(
            401, "BAD_ADMIN_TOKEN", "a valid operator bearer token is required", "Authorization");
      }
      return endpoint.handle(request);
    };
  }
}
