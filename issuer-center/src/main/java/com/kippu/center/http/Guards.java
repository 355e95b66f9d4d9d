package com.kippu.center.http;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.issuer.IssuerAuthenticator;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.terminal.TerminalAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Who may call a route: terminals (HMAC signature when terminal authentication is on), issuers
 * (always signed, and only for their own {@code /v1/issuers/{issuerId}/...} resources) and the
 * operator (bearer token {@code center.admin.token}; no token configured, no operator routes).
 */
public final class Guards {
  static final String ISSUER_HEADER = "X-Issuer-Id";

  private final Optional<TerminalAuthenticator> terminals;
  private final IssuerAuthenticator issuers;
  private final boolean adminEnabled;
  private final byte[] adminTokenDigest;
  private final boolean operatorNeedsTls;

  /**
   * {@code operatorNeedsTls} (production mode) refuses the operator token on a plain-HTTP link, so
   * it is never sent where it can be read.
   */
  public Guards(
      Optional<TerminalAuthenticator> terminals,
      IssuerAuthenticator issuers,
      String adminToken,
      boolean operatorNeedsTls) {
    this.terminals = terminals;
    this.issuers = issuers;
    this.adminEnabled = !adminToken.isEmpty();
    this.adminTokenDigest = sha256(adminToken.getBytes(StandardCharsets.UTF_8));
    this.operatorNeedsTls = operatorNeedsTls;
  }

  /**
   * Both tokens are hashed before the comparison, so the time it takes says nothing about the
   * token's length or its first differing byte.
   */
  private boolean isAdminToken(byte[] given) {
    return MessageDigest.isEqual(adminTokenDigest, sha256(given));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /**
   * A terminal route: with authentication on, an unsigned or tampered request is 401. Everything
   * but the signature itself is checked on the head, before the body is read.
   */
  Endpoint terminal(Endpoint endpoint) {
    if (terminals.isEmpty()) {
      return endpoint;
    }
    TerminalAuthenticator auth = terminals.get();
    return new Endpoint() {
      @Override
      public void admit(Request request) throws ApiException {
        admitTerminal(auth, request);
        endpoint.admit(request);
      }

      @Override
      public Response handle(Request request) throws ApiException {
        authenticate(auth, request);
        return endpoint.handle(request);
      }
    };
  }

  /** A terminal route answered later; the same checks, made before the work is handed on. */
  DeferredEndpoint terminalDeferred(DeferredEndpoint endpoint) {
    if (terminals.isEmpty()) {
      return endpoint;
    }
    TerminalAuthenticator auth = terminals.get();
    return new DeferredEndpoint() {
      @Override
      public void admit(Request request) throws ApiException {
        admitTerminal(auth, request);
        endpoint.admit(request);
      }

      @Override
      public CompletionStage<Response> handle(Request request) throws ApiException {
        authenticate(auth, request);
        return endpoint.handle(request);
      }
    };
  }

  private static void admitTerminal(TerminalAuthenticator auth, Request request)
      throws ApiException {
    refuseIf(
        auth.admit(
                callingTerminal(request),
                request.header(CenterApi.TIMESTAMP_HEADER),
                request.header(CenterApi.SIGNATURE_HEADER),
                CenterApi.TIMESTAMP_HEADER,
                CenterApi.SIGNATURE_HEADER)
            .map(r -> new ApiException(401, r.code(), r.message(), r.field())));
  }

  private static void authenticate(TerminalAuthenticator auth, Request request)
      throws ApiException {
    refuseIf(
        auth.check(
                callingTerminal(request),
                request.method(),
                request.rawTarget(),
                request.rawBody(),
                request.header(CenterApi.TIMESTAMP_HEADER),
                request.header(CenterApi.SIGNATURE_HEADER),
                CenterApi.TIMESTAMP_HEADER,
                CenterApi.SIGNATURE_HEADER)
            .map(r -> new ApiException(401, r.code(), r.message(), r.field())));
  }

  private static TerminalId callingTerminal(Request request) throws ApiException {
    try {
      return request.terminalId();
    } catch (ApiException e) {
      throw new ApiException(401, e.code(), e.getMessage(), e.field());
    }
  }

  /**
   * An issuer route under {@code /v1/issuers/{issuerId}}: signed by that issuer, 401/403 else.
   * Everything but the signature itself is checked on the head, before the body is read.
   */
  Endpoint issuer(Endpoint endpoint) {
    return new Endpoint() {
      @Override
      public void admit(Request request) throws ApiException {
        refuseIf(
            issuers
                .admit(
                    callingIssuer(request),
                    request.header(CenterApi.TIMESTAMP_HEADER),
                    request.header(CenterApi.SIGNATURE_HEADER),
                    CenterApi.TIMESTAMP_HEADER,
                    CenterApi.SIGNATURE_HEADER)
                .map(r -> new ApiException(401, r.code(), r.message(), r.field())));
        endpoint.admit(request);
      }

      @Override
      public Response handle(Request request) throws ApiException {
        IssuerId issuer = callingIssuer(request);
        refuseIf(
            issuers
                .check(
                    issuer,
                    request.method(),
                    request.rawTarget(),
                    request.rawBody(),
                    request.header(CenterApi.TIMESTAMP_HEADER),
                    request.header(CenterApi.SIGNATURE_HEADER),
                    CenterApi.TIMESTAMP_HEADER,
                    CenterApi.SIGNATURE_HEADER)
                .map(r -> new ApiException(401, r.code(), r.message(), r.field())));
        if (!issuer.value().equals(request.pathParam(0))) {
          throw new ApiException(
              403,
              "NOT_YOUR_ACCOUNT",
              "issuer " + issuer + " may only change its own catalog",
              null);
        }
        return endpoint.handle(request);
      }
    };
  }

  private static IssuerId callingIssuer(Request request) throws ApiException {
    String claimed = request.header(ISSUER_HEADER);
    if (claimed == null || claimed.isBlank()) {
      throw new ApiException(
          401, "MISSING_HEADER", "header " + ISSUER_HEADER + " is required", ISSUER_HEADER);
    }
    try {
      return new IssuerId(claimed.strip());
    } catch (IllegalArgumentException e) {
      throw new ApiException(401, "INVALID_HEADER", e.getMessage(), ISSUER_HEADER);
    }
  }

  private static void refuseIf(Optional<ApiException> refusal) throws ApiException {
    if (refusal.isPresent()) {
      throw refusal.get();
    }
  }

  /**
   * An operator route: {@code Authorization: Bearer <center.admin.token>}, checked on the head,
   * before the body is read.
   */
  Endpoint admin(Endpoint endpoint) {
    return new Endpoint() {
      @Override
      public void admit(Request request) throws ApiException {
        if (!adminEnabled) {
          throw new ApiException(
              403, "ADMIN_DISABLED", "operator routes are off (no center.admin.token)", null);
        }
        if (operatorNeedsTls && !request.secure()) {
          throw new ApiException(
              403,
              "TLS_REQUIRED",
              "operator routes take their token only over HTTPS in production mode",
              "Authorization");
        }
        String auth = request.header("Authorization");
        byte[] given =
            auth == null || !auth.startsWith("Bearer ")
                ? new byte[0]
                : auth.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
        if (!isAdminToken(given)) {
          throw new ApiException(
              401, "BAD_ADMIN_TOKEN", "a valid operator bearer token is required", "Authorization");
        }
        endpoint.admit(request);
      }

      @Override
      public Response handle(Request request) throws ApiException {
        return endpoint.handle(request);
      }
    };
  }
}
