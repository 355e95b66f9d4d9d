package com.kippu.center.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.terminal.Terminal;
import com.kippu.center.terminal.TerminalKind;
import com.kippu.center.terminal.TerminalRegistry;
import java.util.Optional;

/**
 * The operator's terminal routes: register (or re-register) a terminal as an ATM or as the gate of
 * a venue, rotate its secret, deactivate and reactivate it; each takes effect at once.
 */
public final class TerminalAdminRoutes implements RouteGroup {
  static final String PATH = "/v1/admin/terminals/{}";

  private final TerminalRegistry registry;

  public TerminalAdminRoutes(TerminalRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void register(Router router, Guards guards) {
    router
        .add("PUT", PATH, guards.admin(this::registerTerminal))
        .add("POST", PATH + "/rotate-secret", guards.admin(this::rotate))
        .add("POST", PATH + "/deactivate", guards.admin(r -> setActive(r, false)))
        .add("POST", PATH + "/activate", guards.admin(r -> setActive(r, true)));
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
