package com.kippu.center;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * An issuer's sales endpoint on loopback, as its local server would be: every record the center's
 * outbox delivers there is kept for a test to read.
 */
final class SalesReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<JsonNode> received = new ArrayList<>();

  private SalesReceiver(HttpServer server) {
    this.server = server;
  }

  static SalesReceiver start() throws IOException {
    SalesReceiver r =
        new SalesReceiver(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    r.server.createContext(
        "/sales",
        ex -> {
          JsonNode record = CenterClient.JSON.readTree(ex.getRequestBody().readAllBytes());
          synchronized (r.received) {
            r.received.add(record);
          }
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    r.server.start();
    return r;
  }

  /** The URL to enrol as the issuer's sales endpoint. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/sales";
  }

  /** The records delivered so far, in order. */
  List<JsonNode> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
