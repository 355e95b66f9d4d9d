package com.kippu.simulator.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.simulator.Branch;
import com.kippu.simulator.DemoWatcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The page of {@code kippu-simulator demo --web}: the scripted scenarios watched step by step in
 * the browser, live over server-sent events, on loopback.
 */
public final class DemoWatchServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DemoWatchServer.class.getName());
  private static final Map<String, String> STATIC =
      Map.of("/", "demo.html", "/demo.js", "demo.js", "/style.css", "style.css");

  private final ObjectMapper json = new ObjectMapper();
  private final DemoWatch watch;
  private final LiveUpdates live;
  private final Server server;

  private DemoWatchServer(List<String> scenarios, Duration step, InetAddress address, int port) {
    LiveUpdates[] updates = new LiveUpdates[1];
    this.watch = new DemoWatch(scenarios, step, () -> updates[0].changed());
    this.live = new LiveUpdates(() -> toJson(watch.state()));
    updates[0] = live;
    this.server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(address.getHostAddress());
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new Routes());
  }

  /**
   * Serves the watch of {@code scenarios} on loopback {@code port}, each screen up {@code step}.
   */
  public static DemoWatchServer start(List<String> scenarios, Duration step, int port)
      throws Exception {
    DemoWatchServer s =
        new DemoWatchServer(scenarios, step, InetAddress.getByName("127.0.0.1"), port);
    s.live.start();
    try {
      s.server.start();
    } catch (Exception e) {
      s.close();
      throw new IOException("the demo page could not listen on port " + port + ": " + e, e);
    }
    return s;
  }

  public DemoWatcher watcher() {
    return watch;
  }

  /**
   * What the demo prints goes to {@code console} and, line by line, to the page (where a paused
   * demo stops at its next step, check or device action).
   */
  public PrintStream narration(PrintStream console) {
    OutputStream lines =
        new OutputStream() {
          private final ByteArrayOutputStream line = new ByteArrayOutputStream();

          @Override
          public void write(int b) {
            console.write(b);
            if (b == '\n') {
              console.flush();
              String text = line.toString(StandardCharsets.UTF_8);
              line.reset();
              watch.narrated(text);
            } else {
              line.write(b);
            }
          }

          @Override
          public void flush() {
            console.flush();
          }
        };
    return new PrintStream(lines, true, StandardCharsets.UTF_8);
  }

  public URI uri() {
    ServerConnector c = (ServerConnector) server.getConnectors()[0];
    return URI.create("http://" + c.getHost() + ":" + c.getLocalPort() + "/");
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
    live.close();
    try {
      server.stop();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "the demo page did not stop cleanly", e);
    }
  }

  private final class Routes extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = request.getHttpURI().getPath();
      try {
        if (request.getMethod().equals("GET") && STATIC.containsKey(path)) {
          String name = STATIC.get(path);
          PageHttp.send(
              response, callback, 200, PageHttp.contentType(name), PageHttp.resource(name));
        } else if (request.getMethod().equals("GET") && path.equals("/api/events")) {
          PageHttp.stream(live, response, callback);
        } else if (request.getMethod().equals("GET") && path.startsWith("/receipts/")) {
          Branch branch = watch.branch();
          PageHttp.printout(
              branch == null ? null : branch.receipts(),
              path.substring("/receipts/".length()),
              response,
              callback);
        } else if (request.getMethod().equals("POST") && path.equals("/api/control")) {
          String body = Content.Source.asString(request, StandardCharsets.UTF_8);
          watch.control(json.readTree(body).path("action").asText());
          PageHttp.send(response, callback, 200, "application/json", "{\"ok\":true}");
        } else if (request.getMethod().equals("POST") && path.equals("/api/language")) {
          String body = Content.Source.asString(request, StandardCharsets.UTF_8);
          watch.language(json.readTree(body).path("language").asText());
          PageHttp.send(response, callback, 200, "application/json", "{\"ok\":true}");
        } else {
          throw new WebRefusal(404, "There is nothing at " + path + ".");
        }
      } catch (WebRefusal e) {
        PageHttp.send(
            response,
            callback,
            e.status(),
            "application/json",
            toJson(Map.of("error", e.getMessage())));
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "request " + path + " failed", e);
        PageHttp.send(
            response, callback, 500, "application/json", toJson(Map.of("error", "failed")));
      }
      return true;
    }
  }
}
