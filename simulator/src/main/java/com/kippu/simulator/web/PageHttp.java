package com.kippu.simulator.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/** What the simulator's pages share on Jetty's core server: files, texts and event streams. */
final class PageHttp {
  private static final String RESOURCES = "/com/kippu/simulator/web/";
  private static final long HEARTBEAT_MS = 15_000;

  private static final Pattern PRINTOUT = Pattern.compile("[A-Za-z0-9._-]+\\.png");

  private PageHttp() {}

  /** A printout image {@code name} from the printer's output directory {@code dir}. */
  static void printout(Path dir, String name, Response response, Callback callback)
      throws WebRefusal, IOException {
    if (dir == null || !PRINTOUT.matcher(name).matches()) {
      throw new WebRefusal(404, "There is no printout " + name + ".");
    }
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new WebRefusal(404, "There is no printout " + name + ".");
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "image/png");
    response.write(true, ByteBuffer.wrap(Files.readAllBytes(file)), callback);
  }

  /** A PNG image from its bytes. */
  static void png(Response response, Callback callback, byte[] png) {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "image/png");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    response.write(true, ByteBuffer.wrap(png), callback);
  }

  /** Server-sent events: the whole state whenever it changes, a comment as a heartbeat. */
  static void stream(LiveUpdates live, Response response, Callback callback) {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    long seen = -1;
    try {
      while (!live.closed()) {
        LiveUpdates.Versioned next = live.awaitNewer(seen, HEARTBEAT_MS);
        String event = next.version() > seen ? "data: " + next.json() + "\n\n" : ": still here\n\n";
        seen = next.version();
        try (Blocker.Callback written = Blocker.callback()) {
          Content.Sink.write(response, false, event, written);
          written.block();
        }
      }
      callback.succeeded();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      callback.failed(e);
    } catch (IOException | RuntimeException e) {
      // The page went away.
      callback.failed(e);
    }
  }

  static void send(Response response, Callback callback, int status, String type, String text) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    Content.Sink.write(response, true, text, callback);
  }

  static String resource(String name) throws IOException {
    try (InputStream in = PageHttp.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IOException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String contentType(String name) {
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    return name.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
  }

  /** The parameters of a URL's query ({@code a=1&b=x}), decoded; the last of a repeated name. */
  static Map<String, String> query(String query) {
    Map<String, String> params = new HashMap<>();
    if (query == null || query.isEmpty()) {
      return params;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }
}
