package com.kippu.center.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.terminal.Terminal;
import com.kippu.center.terminal.TerminalKind;
import com.kippu.center.terminal.TerminalRegistry;
import com.kippu.center.verify.CardAccessCertificates;
import java.util.Optional;

/**
 * The operator's terminal routes: register (or re-register) a terminal as an ATM or as the gate of
 * a venue, rotate its secret, deactivate and reactivate it; each takes effect at once.
 */
public final class TerminalAdminRoutes implements RouteGroup {
  static final String PATH = "/v1/admin/terminals/{}";

  private final TerminalRegistry registry;
  private final CardAccessCertificates cardAccess;

  public TerminalAdminRoutes(TerminalRegistry registry, CardAccessCertificates cardAccess) {
    this.registry = registry;
    this.cardAccess = cardAccess;
  }

  @Override
  public void register(Router router, Guards guards) {
    router
        .add("PUT", PATH, guards.admin(this::registerTerminal))
        .add("POST", PATH + "/rotate-secret", guards.admin(this::rotate))
        .add("POST", PATH + "/deactivate", guards.admin(r -> setActive(r, false)))
        .add("POST", PATH + "/activate", guards.admin(r -> setActive(r, true)))
        .add("POST", PATH + "/card-access-certificate", guards.admin(this::certifyCardAccess));
  }

  /**
   * The terminal's card-access certificate (S1 ¶41, claim 12): body {@code publicKey}, its X25519
   * key as base64 of 32 bytes; answered with the certificate (base64) to install beside the key.
   */
  private Response certifyCardAccess(Request request) throws ApiException {
    TerminalId id = terminalId(request);
    if (!registry.known(id)) {
      return notFound(id);
    }
    byte[] key;
    try {
      key = java.util.Base64.getDecoder().decode(request.body().text("publicKey"));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("publicKey", "not base64");
    }
    byte[] certificate;
    try {
      certificate = cardAccess.certify(id.value(), key);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("publicKey", e.getMessage());
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("terminalId", id.value());
    out.put("certificate", java.util.Base64.getEncoder().encodeToString(certificate));
    return Response.json(200, out);
  }

  private Response registerTerminal(Request request) throws ApiException {
    TerminalId id = terminalId(request);
    JsonFields body = request.body();
    TerminalKind kind = body.enumValue("kind", TerminalKind.class);
    Optional<String> venue =
        Optional.ofNullable(body.optionalText("venue", Terminal.MAX_VENUE_LENGTH));
    Terminal terminal;
    try {
      terminal = new Terminal(id, kind, venue);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("venue", e.getMessage());
    }
    TerminalRegistry.Registered done = registry.register(terminal);
    ObjectNode out = describe(terminal);
    out.put("active", true);
    out.put("secret", done.secret());
    return Response.json(done.added() ? 201 : 200, out);
  }

  private Response rotate(Request request) throws ApiException {
    TerminalId id = terminalId(request);
    Optional<String> secret = registry.rotate(id);
    if (secret.isEmpty()) {
      return notFound(id);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("terminalId", id.value());
    out.put("secret", secret.get());
    return Response.json(200, out);
  }

  private Response setActive(Request request, boolean active) throws ApiException {
    TerminalId id = terminalId(request);
    if (!registry.setActive(id, active)) {
      return notFound(id);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("terminalId", id.value());
    out.put("active", active);
    return Response.json(200, out);
  }

  private static ObjectNode describe(Terminal terminal) {
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("terminalId", terminal.terminalId().value());
    out.put("kind", terminal.kind().name());
    terminal.venue().ifPresent(v -> out.put("venue", v));
    return out;
  }

  private static TerminalId terminalId(Request request) throws ApiException {
    return CenterApi.id(request.pathParam(0), TerminalId::new)
        .orElseThrow(() -> ApiException.invalid("terminalId", "is not a valid terminal id"));
  }

  private static Response notFound(TerminalId id) {
    return Response.error(404, "TERMINAL_NOT_FOUND", "no terminal " + id.value(), "terminalId");
  }
}
