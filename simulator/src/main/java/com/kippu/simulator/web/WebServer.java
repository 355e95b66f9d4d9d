package com.kippu.simulator.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.simulator.Branch;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The branch simulator in the browser: serves the page, its state as JSON and as a server-sent
 * event stream, and the customer's, the operator's and the devices' actions as small JSON POSTs.
 * Binds to loopback unless told otherwise; a refused action answers its status with {@code
 * {"error": "..."}} and changes nothing.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WebServer.class.getName());
  private static final String RESOURCES = "/com/kippu/simulator/web/";
  private static final Pattern RECEIPT = Pattern.compile("[A-Za-z0-9._-]+\\.png");
  private static final Map<String, String> STATIC =
      Map.of(
          "/", "index.html",
          "/app.js", "app.js",
          "/style.css", "style.css");
  private static final long HEARTBEAT_MS = 15_000;

  private final ObjectMapper json = new ObjectMapper();
  private final WebBranch web;
  private final LiveUpdates live;
  private final PageState state;
  private final HostPanel host;
  private final Server server;

  private WebServer(Branch branch, InetAddress address, int port) {
    LiveUpdates[] updates = new LiveUpdates[1];
    this.web = new WebBranch(branch, () -> updates[0].changed());
    this.host = new HostPanel(branch);
    this.state = new PageState(web, host);
    this.live = new LiveUpdates(() -> toJson(state.build()));
    updates[0] = live;
    this.server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(address.getHostAddress());
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new Routes());
  }

  /** Serves {@code branch} at {@code address}:{@code port} (0 picks a free port). */
  public static WebServer start(Branch branch, InetAddress address, int port) throws Exception {
    WebServer web = new WebServer(branch, address, port);
    web.live.start();
    try {
      web.server.start();
    } catch (Exception e) {
      web.close();
      throw new IOException("the web simulator could not listen on port " + port + ": " + e, e);
    }
    return web;
  }

  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  public URI uri() {
    String host = ((ServerConnector) server.getConnectors()[0]).getHost();
    return URI.create("http://" + host + ":" + port() + "/");
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException("state not writable as JSON", e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Stops serving: open event streams end, a running session is interrupted. */
  public void stop() {
    live.close();
    web.close();
    try {
      server.stop();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "the web server did not stop cleanly", e);
    }
  }

  /** One handler for every path: static files, receipts, state, events and actions. */
  private final class Routes extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = request.getHttpURI().getPath();
      try {
        if (request.getMethod().equals("GET")) {
          get(path, request, response, callback);
        } else if (request.getMethod().equals("POST") && path.startsWith("/api/")) {
          String text = toJson(post(path.substring(5), body(request)));
          PageHttp.send(response, callback, 200, "application/json", text);
        } else {
          throw new WebRefusal(405, "Method " + request.getMethod() + " is not allowed here.");
        }
      } catch (WebRefusal e) {
        PageHttp.send(
            response, callback, e.status(), "application/json", toJson(error(e.getMessage())));
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "request " + path + " failed", e);
        PageHttp.send(
            response,
            callback,
            500,
            "application/json",
            toJson(error("The simulator could not do that: " + e.getMessage())));
      }
      return true;
    }

    private Map<String, String> error(String message) {
      return Map.of("error", message);
    }

    private void get(String path, Request request, Response response, Callback callback)
        throws WebRefusal, IOException {
      if (STATIC.containsKey(path)) {
        String name = STATIC.get(path);
        PageHttp.send(response, callback, 200, PageHttp.contentType(name), PageHttp.resource(name));
      } else if (path.equals("/api/state")) {
        PageHttp.send(response, callback, 200, "application/json", toJson(state.build()));
      } else if (path.equals("/api/events")) {
        PageHttp.stream(live, response, callback);
      } else if (path.startsWith("/api/card/")) {
        PageHttp.send(
            response,
            callback,
            200,
            "text/plain; charset=utf-8",
            web.cardContents(path.substring("/api/card/".length())));
      } else if (path.startsWith("/receipts/")) {
        PageHttp.printout(
            web.branch().receipts(), path.substring("/receipts/".length()), response, callback);
      } else {
        throw new WebRefusal(404, "There is nothing at " + path + ".");
      }
    }

    private JsonNode body(Request request) throws WebRefusal {
      try {
        String text = Content.Source.asString(request, StandardCharsets.UTF_8);
        return text.isBlank() ? json.createObjectNode() : json.readTree(text);
      } catch (IOException e) {
        throw new WebRefusal(400, "The request body is not JSON: " + e.getMessage());
      }
    }

    private Object post(String action, JsonNode body) throws WebRefusal, IOException {
      switch (action) {
        case "answer" -> {
          if (body.has("text")) {
            web.customer().enter(number(body, "sequence"), text(body, "text", true));
          } else {
            web.customer().answer(number(body, "sequence"), text(body, "key", true));
          }
        }
        case "card/insert" -> web.insertCard(text(body, "cardId", false));
        case "card/take" -> web.takeCard();
        case "kiosk/start" -> web.startKioskPurchase(text(body, "cardId", false));
        case "swipe" -> web.swipe((int) number(body, "index"));
        case "pin" -> web.pinKey(text(body, "key", false));
        case "cash/insert" ->
            web.insertCash((int) number(body, "yen"), (int) number(body, "count"));
        case "cash/take" -> {
          return Map.of("taken", web.takeCash().total());
        }
        case "language" -> web.language(text(body, "language", false));
        case "operator" -> {
          String said =
              PageState.throwSwitch(
                  web.branch(), text(body, "key", false), text(body, "power", true));
          web.notice("Operator: " + said.replace('\n', ' '));
          return Map.of("result", said);
        }
        case "host" -> {
          String said = host.throwSwitch(text(body, "key", false), text(body, "code", true));
          web.notice(said);
          return Map.of("result", said);
        }
        default -> throw new WebRefusal(404, "There is no action " + action + ".");
      }
      return Map.of("ok", true);
    }

    private static String text(JsonNode body, String field, boolean mayBeEmpty) throws WebRefusal {
      JsonNode v = body.get(field);
      if (v == null || !v.isTextual() || (!mayBeEmpty && v.asText().isEmpty())) {
        if (mayBeEmpty && v == null) {
          return "";
        }
        throw new WebRefusal(400, "The request needs a text '" + field + "'.");
      }
      return v.asText();
    }

    private static long number(JsonNode body, String field) throws WebRefusal {
      JsonNode v = body.get(field);
      if (v == null || !v.canConvertToLong()) {
        throw new WebRefusal(400, "The request needs a whole number '" + field + "'.");
      }
      return v.asLong();
    }
  }
}
