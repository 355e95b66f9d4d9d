package com.kippu.center.http;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.issuer.IssuerAuthenticator;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.terminal.SignedHeaders;
import com.kippu.center.terminal.Terminal;
import com.kippu.center.terminal.TerminalAuthenticator;
import com.kippu.center.terminal.TerminalKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Who may call a route: terminals (HMAC signature with a one-time nonce when terminal
 * authentication is on), issuers (always signed, and only for their own {@code
 * /v1/issuers/{issuerId}/...} resources) and the operator (bearer token {@code center.admin.token};
 * no token configured, no operator routes). A terminal route learns who called it ({@link
 * Request#caller}): a registered terminal's kind and venue, an unregistered one (only without
 * signatures, in development) an ATM.
 */
public final class Guards {
  static final String ISSUER_HEADER = "X-Issuer-Id";

  private final TerminalAuthenticator terminals;
  private final boolean signaturesRequired;
  private final IssuerAuthenticator issuers;
  private final java.util.Map<String, byte[]> operatorDigests = new java.util.LinkedHashMap<>();
  private final boolean operatorNeedsTls;

  /**
   * {@code operatorNeedsTls} (production mode) refuses the operator token on a plain-HTTP link, so
   * it is never sent where it can be read.
   */
  public Guards(
      TerminalAuthenticator terminals,
      boolean signaturesRequired,
      IssuerAuthenticator issuers,
      java.util.Map<String, String> operatorTokens,
      boolean operatorNeedsTls) {
    this.terminals = terminals;
    this.signaturesRequired = signaturesRequired;
    this.issuers = issuers;
    operatorTokens.forEach(
        (name, token) -> operatorDigests.put(name, sha256(token.getBytes(StandardCharsets.UTF_8))));
    this.operatorNeedsTls = operatorNeedsTls;
  }

  /** The terminal directory the operator's changes must reach at once. */
  TerminalAuthenticator terminalAuthenticator() {
    return terminals;
  }

  /**
   * A sales terminal's route (ATM, CD, kiosk, home PC): with authentication on, an unsigned,
   * tampered or replayed request is 401; a gate is 403. Everything but the signature itself is
   * checked on the head, before the body is read.
   */
  Endpoint terminal(Endpoint endpoint) {
    return anyTerminal(
        new Endpoint() {
          @Override
          public void admit(Request request) throws ApiException {
            endpoint.admit(request);
          }

          @Override
          public Response handle(Request request) throws ApiException {
            requireSales(request);
            return endpoint.handle(request);
          }
        });
  }

  /** A route for any terminal, gates included; the endpoint decides by {@link Request#caller}. */
  Endpoint anyTerminal(Endpoint endpoint) {
    return new Endpoint() {
      @Override
      public void admit(Request request) throws ApiException {
        admitTerminal(request);
        endpoint.admit(request);
      }

      @Override
      public Response handle(Request request) throws ApiException {
        authenticate(request);
        return endpoint.handle(request);
      }
    };
  }

  /** A sales route: an ATM or a home PC ({@link TerminalKind#sells}), never a gate. */
  private static void requireSales(Request request) throws ApiException {
    TerminalKind kind = request.caller().kind();
    if (!kind.sells()) {
      throw new ApiException(
          403,
          "WRONG_TERMINAL_KIND",
          "terminal "
              + request.caller().terminalId()
              + " is a "
              + kind
              + "; this is for sales terminals (ATM, HOME_PC)",
          null);
    }
  }

  /** A terminal route answered later; the same checks, made before the work is handed on. */
  DeferredEndpoint terminalDeferred(DeferredEndpoint endpoint) {
    return new DeferredEndpoint() {
      @Override
      public void admit(Request request) throws ApiException {
        admitTerminal(request);
        endpoint.admit(request);
      }

      @Override
      public CompletionStage<Response> handle(Request request) throws ApiException {
        authenticate(request);
        requireSales(request);
        return endpoint.handle(request);
      }
    };
  }

  private void admitTerminal(Request request) throws ApiException {
    if (!signaturesRequired) {
      return;
    }
    refuseIf(terminals.admit(callingTerminal(request), headers(request)));
  }

  private void authenticate(Request request) throws ApiException {
    requireCertificateOf(request);
    if (!signaturesRequired) {
      TerminalId id = request.terminalId();
      request.caller(terminals.terminal(id).orElse(Terminal.atm(id)));
      return;
    }
    TerminalId id = callingTerminal(request);
    refuseIf(
        terminals.check(
            id, request.method(), request.rawTarget(), request.rawBody(), headers(request)));
    Optional<Terminal> caller = terminals.terminal(id);
    if (caller.isEmpty()) {
      throw new ApiException(
          401, "UNKNOWN_TERMINAL", "terminal " + id + " is not registered", null);
    }
    request.caller(caller.get());
  }

  /**
   * Over mutual TLS a terminal speaks only as the terminal id its certificate names, so a stolen
   * terminal secret is no use without that terminal's key as well.
   */
  private static void requireCertificateOf(Request request) throws ApiException {
    Optional<String> certified = request.clientCertificateName();
    if (certified.isEmpty()) {
      return;
    }
    TerminalId id = callingTerminal(request);
    if (!certified.get().equals(id.value())) {
      throw new ApiException(
          401,
          "CERTIFICATE_MISMATCH",
          "the client certificate is for " + certified.get() + ", not terminal " + id,
          Request.TERMINAL_HEADER);
    }
  }

  private static SignedHeaders headers(Request request) {
    return new SignedHeaders(
        request.header(SignedHeaders.TIMESTAMP_HEADER),
        request.header(SignedHeaders.NONCE_HEADER),
        request.header(SignedHeaders.SIGNATURE_HEADER));
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
        refuseIf(issuers.admit(callingIssuer(request), headers(request)));
        endpoint.admit(request);
      }

      @Override
      public Response handle(Request request) throws ApiException {
        IssuerId issuer = callingIssuer(request);
        refuseIf(
            issuers.check(
                issuer,
                request.method(),
                request.rawTarget(),
                request.rawBody(),
                headers(request)));
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

  private static void refuseIf(Optional<SignedHeaders.Refusal> refusal) throws ApiException {
    if (refusal.isPresent()) {
      SignedHeaders.Refusal r = refusal.get();
      int status = r.code().equals("TOO_MANY_REQUESTS") ? 503 : 401;
      throw new ApiException(status, r.code(), r.message(), r.field());
    }
  }

  /**
   * An operator route: {@code Authorization: Bearer <center.admin.token>}, checked on the head,
   * before the body is read; in production only over HTTPS.
   */
  Endpoint admin(Endpoint endpoint) {
    return new Endpoint() {
      @Override
      public void admit(Request request) throws ApiException {
        if (operatorDigests.isEmpty()) {
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
        Optional<String> operator = operatorOf(given);
        if (operator.isEmpty()) {
          throw new ApiException(
              401, "BAD_ADMIN_TOKEN", "a valid operator bearer token is required", "Authorization");
        }
        request.operator(operator.get());
        endpoint.admit(request);
      }

      @Override
      public Response handle(Request request) throws ApiException {
        return endpoint.handle(request);
      }
    };
  }

  /**
   * The operator whose token {@code given} is. Tokens are hashed before the comparison and every
   * operator is compared, so the time taken says nothing about a token's length, its first
   * differing byte or whose it is.
   */
  private Optional<String> operatorOf(byte[] given) {
    byte[] digest = sha256(given);
    String found = null;
    for (java.util.Map.Entry<String, byte[]> e : operatorDigests.entrySet()) {
      if (MessageDigest.isEqual(e.getValue(), digest)) {
        found = e.getKey();
      }
    }
    return Optional.ofNullable(found);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
