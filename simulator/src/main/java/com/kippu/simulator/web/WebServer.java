package com.kippu.simulator.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.atm.spi.TerminalProfile;
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
  private final LiveUpdates live;
  private final ServedBranch served;
  private final Server server;

  private WebServer(ServedBranch served, LiveUpdates live, InetAddress address, int port) {
    this.served = served;
    this.live = live;
    this.server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(address.getHostAddress());
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new Routes());
  }

  /** The page's state, with the terminal kinds on offer, as JSON. */
  private String stateJson() {
    try {
      return served.read(this::stateJson);
    } catch (WebRefusal | IOException e) {
      throw new IllegalStateException("no state: " + e.getMessage(), e);
    }
  }

  private String stateJson(ServedBranch.Parts parts) {
    Map<String, Object> state = parts.state().build();
    state.put("terminalKind", served.kinds());
    return toJson(state);
  }

  /**
   * Serves {@code branch} at {@code address}:{@code port} (0 picks a free port); the caller keeps
   * and closes the branch, whose terminal kind the page cannot change.
   */
  public static WebServer start(Branch branch, InetAddress address, int port) throws Exception {
    LiveUpdates[] live = new LiveUpdates[1];
    ServedBranch served = ServedBranch.fixed(branch, () -> live[0].changed());
    return start(served, live, address, port);
  }

  /**
   * Opens the branch with {@code opener} as a terminal of {@code kind} and serves it; the page may
   * restart it as another kind between sessions, and stopping the server closes it.
   */
  public static WebServer start(
      ServedBranch.Opener opener, TerminalProfile.Kind kind, InetAddress address, int port)
      throws Exception {
    LiveUpdates[] live = new LiveUpdates[1];
    ServedBranch served = ServedBranch.owned(opener, kind, () -> live[0].changed());
    return start(served, live, address, port);
  }

  private static WebServer start(
      ServedBranch served, LiveUpdates[] live, InetAddress address, int port) throws Exception {
    WebServer[] web = new WebServer[1];
    live[0] = new LiveUpdates(() -> web[0].stateJson());
    web[0] = new WebServer(served, live[0], address, port);
    web[0].live.start();
    try {
      web[0].server.start();
    } catch (Exception e) {
      web[0].close();
      throw new IOException("the web simulator could not listen on port " + port + ": " + e, e);
    }
    return web[0];
  }

  /** The branch served now (it changes when the page restarts the terminal as another kind). */
  Branch branch() throws WebRefusal, IOException {
    return served.read(ServedBranch.Parts::branch);
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
    served.close();
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
        if (request.getMethod().equals("GET") && path.equals("/api/events")) {
          PageHttp.stream(live, response, callback);
        } else if (request.getMethod().equals("GET")) {
          served.read(p -> get(p, request, path, response, callback));
        } else if (request.getMethod().equals("POST") && path.equals("/api/terminal-kind")) {
          // Not under the read lock: the restart takes the write lock itself.
          String said = served.restartAs(Routes.text(body(request), "kind", false));
          PageHttp.send(
              response, callback, 200, "application/json", toJson(Map.of("result", said)));
        } else if (request.getMethod().equals("POST") && path.startsWith("/api/")) {
          JsonNode body = body(request);
          String text = toJson(served.read(p -> post(p, path.substring(5), body)));
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

    private Void get(
        ServedBranch.Parts p, Request request, String path, Response response, Callback callback)
        throws WebRefusal, IOException {
      if (STATIC.containsKey(path)) {
        String name = STATIC.get(path);
        PageHttp.send(response, callback, 200, PageHttp.contentType(name), PageHttp.resource(name));
      } else if (path.equals("/api/state")) {
        PageHttp.send(response, callback, 200, "application/json", stateJson(p));
      } else if (path.startsWith("/api/card/") && path.endsWith("/face.png")) {
        String id = path.substring("/api/card/".length(), path.length() - "/face.png".length());
        PageHttp.png(response, callback, CardDrawer.face(p.branch(), id));
      } else if (path.startsWith("/api/card/")) {
        PageHttp.send(
            response,
            callback,
            200,
            "text/plain; charset=utf-8",
            CardDrawer.contents(p.branch(), path.substring("/api/card/".length())));
      } else if (path.equals("/api/journal")) {
        Map<String, String> q = PageHttp.query(request.getHttpURI().getQuery());
        PageHttp.send(
            response,
            callback,
            200,
            "application/json",
            toJson(
                JournalPanel.answer(
                    p.branch(), q.getOrDefault("day", ""), q.getOrDefault("session", ""))));
      } else if (path.equals("/api/ops")) {
        Map<String, String> q = PageHttp.query(request.getHttpURI().getQuery());
        PageHttp.send(
            response,
            callback,
            200,
            "application/json",
            toJson(OperationsPanel.report(p.branch(), q.getOrDefault("report", ""))));
      } else if (path.startsWith("/receipts/")) {
        PageHttp.printout(
            p.branch().receipts(), path.substring("/receipts/".length()), response, callback);
      } else {
        throw new WebRefusal(404, "There is nothing at " + path + ".");
      }
      return null;
    }

    private JsonNode body(Request request) throws WebRefusal {
      try {
        String text = Content.Source.asString(request, StandardCharsets.UTF_8);
        return text.isBlank() ? json.createObjectNode() : json.readTree(text);
      } catch (IOException e) {
        throw new WebRefusal(400, "The request body is not JSON: " + e.getMessage());
      }
    }

    private Object post(ServedBranch.Parts p, String action, JsonNode body)
        throws WebRefusal, IOException {
      WebBranch web = p.web();
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
          // A power switch's choice comes as "power", the line a switch asks for as "line".
          String line = body.has("line") ? text(body, "line", true) : text(body, "power", true);
          String said = PageState.throwSwitch(web.branch(), text(body, "key", false), line);
          web.notice("Operator: " + said.replace('\n', ' '));
          return Map.of("result", said);
        }
        case "ops/settle" -> {
          Map<String, Object> done =
              OperationsPanel.settle(
                  web.branch(),
                  text(body, "session", false),
                  text(body, "operator", true),
                  text(body, "note", true));
          web.notice("Operator: " + done.get("result"));
          return done;
        }
        case "host" -> {
          String said = p.host().throwSwitch(text(body, "key", false), text(body, "code", true));
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
