package com.kippu.center.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Routes requests by method and path template ({@code /v1/reservations/{}/issue}) and turns every
 * failure into the JSON error body: unknown path 404, wrong method 405, rejected request 4xx,
 * anything unexpected 500 without internals.
 */
public final class Router implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(Router.class.getName());

  private record Route(String method, String template, String[] segments, Endpoint endpoint) {}

  private final List<Route> routes = new ArrayList<>();

  Router add(String method, String template, Endpoint endpoint) {
    routes.add(new Route(method, template, split(template), endpoint));
    return this;
  }

  /** Every registered route as {@code METHOD /path/{}/template}, in registration order. */
  public List<String> routes() {
    return routes.stream().map(r -> r.method() + " " + r.template()).toList();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Response response;
      try {
        response = dispatch(exchange);
      } catch (ApiException e) {
        response = Response.error(e.status(), e.code(), e.getMessage(), e.field());
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "request failed: " + exchange.getRequestURI(), e);
        response = Response.error(500, "INTERNAL_ERROR", "the center could not process this", null);
      }
      send(exchange, response);
    }
  }

  private Response dispatch(HttpExchange exchange) throws ApiException {
    String[] path = split(exchange.getRequestURI().getPath());
    boolean pathKnown = false;
    for (Route route : routes) {
      List<String> params = match(route.segments(), path);
      if (params == null) {
        continue;
      }
      pathKnown = true;
      if (route.method().equals(exchange.getRequestMethod())) {
        return route.endpoint().handle(new Request(exchange, params));
      }
    }
    if (pathKnown) {
      return Response.error(405, "METHOD_NOT_ALLOWED", "method not allowed here", null);
    }
    return Response.error(404, "NOT_FOUND", "no such resource", null);
  }

  private static List<String> match(String[] template, String[] path) {
    if (template.length != path.length) {
      return null;
    }
    List<String> params = new ArrayList<>();
    for (int i = 0; i < template.length; i++) {
      if (template[i].equals("{}")) {
        params.add(path[i]);
      } else if (!template[i].equals(path[i])) {
        return null;
      }
    }
    return params;
  }

  private static String[] split(String path) {
    String trimmed = path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    int length = response.body().length;
    exchange.sendResponseHeaders(response.status(), length == 0 ? -1 : length); // 0 means chunked
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(response.body());
    }
  }
}
