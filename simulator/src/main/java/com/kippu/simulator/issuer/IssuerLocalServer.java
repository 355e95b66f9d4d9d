package com.kippu.simulator.issuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The issuers' local servers (S2 ¶18, ¶25, ¶38, ¶40-42), simulated: each issuer's records in one
 * SQLite file, reached over HTTP on loopback as the center's outbox reaches a real one. {@code POST
 * /issuers/{issuer}/sales} takes the center's messages (sales records, lost cards), each once by
 * its {@code Idempotency-Key}; a {@code CARD_LOST} flags the card INVALIDATED in the issuer's own
 * card records (S2 ¶38: the local card information database). {@code GET
 * /issuers/{issuer}/cards/{card}} answers the card's status: the issuer is the authority the center
 * asks before it sells or activates anything of that issuer onto a card.
 *
 * <p>A prepaid issuer keeps the pre-valued cards it made (F10, S2 ¶41-43): stocked NOT_ACTIVATED
 * (worthless), ACTIVE once the center asks it after the card's payment ({@code POST
 * /issuers/{issuer}/cards/{card}/activate}: 200 ACTIVE, again for an active card; 409 with the
 * card's status for an invalidated one; 404 for a card it never made), INVALIDATED once lost.
 */
public final class IssuerLocalServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(IssuerLocalServer.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "/issuers/";

  /** A message the issuer received from the center. */
  public record Received(String key, String issuerId, String type, JsonNode payload) {}

  private final HttpServer http;
  private final ExecutorService workers;
  private final Connection db;
  private final Clock clock;

  private IssuerLocalServer(HttpServer http, ExecutorService workers, Connection db, Clock clock) {
    this.http = http;
    this.workers = workers;
    this.db = db;
    this.clock = clock;
  }

  /** Starts on an ephemeral loopback port with the issuers' records in {@code file}. */
  public static IssuerLocalServer start(Path file, Clock clock) throws IOException, SQLException {
    Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      s.execute(
          "CREATE TABLE IF NOT EXISTS received (message_key TEXT NOT NULL PRIMARY KEY,"
              + " issuer_id TEXT NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL,"
              + " received_at INTEGER NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS card_status (issuer_id TEXT NOT NULL, card_id TEXT NOT NULL,"
              + " status TEXT NOT NULL, reason TEXT NOT NULL, flagged_at INTEGER NOT NULL,"
              + " PRIMARY KEY (issuer_id, card_id))");
    }
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    ExecutorService workers = Executors.newFixedThreadPool(2, IssuerLocalServer::daemon);
    IssuerLocalServer server = new IssuerLocalServer(http, workers, db, clock);
    http.createContext(PREFIX, server::handle);
    http.setExecutor(workers);
    http.start();
    return server;
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "issuer-local-server");
    t.setDaemon(true);
    return t;
  }

  /** Where the center delivers {@code issuer}'s messages (its sales endpoint). */
  public URI salesEndpoint(String issuer) {
    return URI.create(
        "http://127.0.0.1:" + http.getAddress().getPort() + PREFIX + issuer + "/sales");
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String[] parts = ex.getRequestURI().getPath().substring(PREFIX.length()).split("/");
      if (parts.length == 2 && parts[1].equals("sales") && ex.getRequestMethod().equals("POST")) {
        receive(ex, parts[0]);
      } else if (parts.length == 3
          && parts[1].equals("cards")
          && ex.getRequestMethod().equals("GET")) {
        answer(ex, 200, status(parts[0], parts[2]));
      } else if (parts.length == 4
          && parts[1].equals("cards")
          && parts[3].equals("activate")
          && ex.getRequestMethod().equals("POST")) {
        activate(ex, parts[0], parts[2]);
      } else {
        answer(ex, 404, JSON.createObjectNode().put("error", "NOT_FOUND"));
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "issuer local server failed a request", e);
      answer(ex, 500, JSON.createObjectNode().put("error", "INTERNAL_ERROR"));
    }
  }

  private synchronized void receive(HttpExchange ex, String issuer)
      throws IOException, SQLException {
    String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
    String type = ex.getRequestHeaders().getFirst("X-Kippu-Message-Type");
    byte[] body = ex.getRequestBody().readAllBytes();
    if (key == null || type == null) {
      answer(ex, 400, JSON.createObjectNode().put("error", "MISSING_HEADER"));
      return;
    }
    JsonNode payload = JSON.readTree(body);
    long now = clock.millis();
    db.setAutoCommit(false);
    try {
      boolean fresh;
      try (PreparedStatement ps =
          db.prepareStatement(
              "INSERT INTO received (message_key, issuer_id, type, payload, received_at)"
                  + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (message_key) DO NOTHING")) {
        ps.setString(1, key);
        ps.setString(2, issuer);
        ps.setString(3, type);
        ps.setString(4, new String(body, StandardCharsets.UTF_8));
        ps.setLong(5, now);
        fresh = ps.executeUpdate() == 1;
      }
      if (fresh && type.equals("CARD_LOST")) {
        flag(issuer, payload.path("cardId").asText(), payload.path("reason").asText(""), now);
      }
      db.commit();
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(true);
    }
    answer(ex, 200, JSON.createObjectNode().put("received", key));
  }

  private void flag(String issuer, String card, String reason, long at) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO card_status (issuer_id, card_id, status, reason, flagged_at)"
                + " VALUES (?, ?, 'INVALIDATED', ?, ?) ON CONFLICT (issuer_id, card_id) DO UPDATE"
                + " SET status = 'INVALIDATED', reason = excluded.reason,"
                + " flagged_at = excluded.flagged_at WHERE status <> 'INVALIDATED'")) {
      ps.setString(1, issuer);
      ps.setString(2, card);
      ps.setString(3, reason);
      ps.setLong(4, at);
      ps.executeUpdate();
    }
  }

  /**
   * The issuer invalidates a card on its own (its customer called it, fraud was seen): the center
   * learns of it only by asking.
   */
  public synchronized void invalidate(String issuer, String card, String reason)
      throws SQLException {
    flag(issuer, card, reason, clock.millis());
  }

  /**
   * The issuer made pre-valued cards {@code cards} (its own stock, value on the chip): each
   * NOT_ACTIVATED until sold. A card it already knows keeps its status.
   */
  public synchronized void stock(String issuer, List<String> cards) throws SQLException {
    long now = clock.millis();
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO card_status (issuer_id, card_id, status, reason, flagged_at)"
                + " VALUES (?, ?, 'NOT_ACTIVATED', 'stocked', ?) ON CONFLICT DO NOTHING")) {
      for (String card : cards) {
        ps.setString(1, issuer);
        ps.setString(2, card);
        ps.setLong(3, now);
        ps.executeUpdate();
      }
    }
  }

  private synchronized void activate(HttpExchange ex, String issuer, String card)
      throws IOException, SQLException {
    String was = status(issuer, card).path("status").asText();
    if (was.equals("NOT_ACTIVATED")) {
      try (PreparedStatement ps =
          db.prepareStatement(
              "UPDATE card_status SET status = 'ACTIVE', reason = 'sold', flagged_at = ?"
                  + " WHERE issuer_id = ? AND card_id = ? AND status = 'NOT_ACTIVATED'")) {
        ps.setLong(1, clock.millis());
        ps.setString(2, issuer);
        ps.setString(3, card);
        ps.executeUpdate();
      }
      answer(ex, 200, status(issuer, card));
    } else if (was.equals("ACTIVE")) {
      answer(ex, 200, status(issuer, card));
    } else if (was.equals("INVALIDATED")) {
      answer(ex, 409, status(issuer, card));
    } else {
      answer(ex, 404, status(issuer, card).put("status", "UNKNOWN"));
    }
  }

  /** What {@code issuer}'s own records say of {@code card}: VALID when they hold nothing. */
  public synchronized String cardStatus(String issuer, String card) throws SQLException {
    return status(issuer, card).path("status").asText();
  }

  private synchronized ObjectNode status(String issuer, String card) throws SQLException {
    var out = JSON.createObjectNode().put("issuerId", issuer).put("cardId", card);
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT status, reason FROM card_status WHERE issuer_id = ? AND card_id = ?")) {
      ps.setString(1, issuer);
      ps.setString(2, card);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return out.put("status", rs.getString(1)).put("reason", rs.getString(2));
        }
      }
    }
    return out.put("status", "VALID");
  }

  /** Whether {@code issuer}'s own records flag {@code card} invalidated. */
  public synchronized boolean invalidated(String issuer, String card) throws SQLException {
    return status(issuer, card).path("status").asText().equals("INVALIDATED");
  }

  /** The messages {@code issuer} received, oldest first; {@code type} null for all. */
  public synchronized List<Received> received(String issuer, String type) throws SQLException {
    List<Received> list = new ArrayList<>();
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT message_key, type, payload FROM received WHERE issuer_id = ?"
                + (type == null ? "" : " AND type = ?")
                + " ORDER BY received_at, message_key")) {
      ps.setString(1, issuer);
      if (type != null) {
        ps.setString(2, type);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          try {
            list.add(
                new Received(
                    rs.getString(1), issuer, rs.getString(2), JSON.readTree(rs.getString(3))));
          } catch (IOException e) {
            throw new SQLException("unreadable stored message " + rs.getString(1), e);
          }
        }
      }
    }
    return list;
  }

  /** The first message of {@code type} about {@code card}, if any. */
  public Optional<Received> about(String issuer, String type, String card) throws SQLException {
    return received(issuer, type).stream()
        .filter(r -> card.equals(r.payload().path("cardId").asText()))
        .findFirst();
  }

  private static void answer(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    http.stop(0);
    workers.shutdownNow();
    try {
      db.close();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "closing the issuers' records failed", e);
    }
  }
}
