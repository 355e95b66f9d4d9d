package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.center.terminal.RequestSignature;
import com.kippu.center.testdb.TestStore;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Terminal request signatures over real HTTP, with authentication switched on, on both engines: the
 * seeded terminal gets through, unsigned, tampered, stale or unknown requests get 401.
 */
class TerminalAuthIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TERMINAL = CenterConfig.TerminalAuth.SEEDED_TERMINAL;
  private static final String SECRET = "a-test-secret-of-enough-length";
  private static final String BODY =
      "{\"eventId\":\"evt-2026-12-24-dome\",\"cardId\":\"CARD-0001\","
          + "\"requestNumber\":\"REQ-1\",\"seatIds\":[\"A-1-1\"]}";

  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T01:00:00Z"));
  private final HttpClient http = HttpClient.newHttpClient();
  private IssuerCenterServer server;

  private record Answer(int status, JsonNode body) {}

  private void start(TestStore store) {
    start(store, CenterConfig.DEFAULT_HTTP_THREADS);
  }

  private void start(TestStore store, int httpThreads) {
    CenterConfig.TerminalAuth auth =
        new CenterConfig.TerminalAuth(true, SECRET, Duration.ofMinutes(5));
    CenterConfig c =
        CenterConfig.development(store.create(dir))
            .withPort(0)
            .withSweepInterval(Duration.ZERO)
            .withTerminalAuth(auth);
    server =
        IssuerCenterServer.start(
            new CenterConfig(
                c.mode(),
                c.store(),
                c.host(),
                c.port(),
                c.holdDuration(),
                c.sweepInterval(),
                httpThreads,
                c.httpQueueCapacity(),
                c.seatClaims(),
                c.terminalAuth(),
                c.business(),
                c.tls()),
            clock);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Answer send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.baseUri().resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    // Through the validating client: every answer is one openapi.yaml documents.
    CenterClient.Answer a = new CenterClient(server.baseUri(), clock).send(b.build());
    return new Answer(a.status(), a.body());
  }

  /** Signs like a terminal: the headers to add for this request. */
  private String[] signed(String secret, String method, String path, String body, Instant at) {
    String ts = Long.toString(at.getEpochSecond());
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    String nonce = RequestSignature.newNonce();
    return new String[] {
      "X-Terminal-Id", TERMINAL,
      "X-Kippu-Timestamp", ts,
      "X-Kippu-Nonce", nonce,
      "X-Kippu-Signature",
          RequestSignature.sign(
              secret.getBytes(StandardCharsets.UTF_8), method, path, bytes, ts, nonce)
    };
  }

  @ParameterizedTest
  @EnumSource(TestStore.class)
  void signedRequestsPassAndOthersAre401(TestStore store) throws Exception {
    start(store);
    String path = "/v1/reservations";
    Instant now = clock.instant();

    assertEquals(200, send("GET", "/v1/events", null).status(), "the catalog stays open");

    Answer unsigned = send("POST", path, BODY, "X-Terminal-Id", TERMINAL);
    assertEquals(401, unsigned.status());
    assertEquals("MISSING_SIGNATURE", unsigned.body().get("error").asText());
    assertEquals("X-Kippu-Timestamp", unsigned.body().get("field").asText());

    Answer noTerminal = send("POST", path, BODY);
    assertEquals(401, noTerminal.status());
    assertEquals("X-Terminal-Id", noTerminal.body().get("field").asText());

    Answer tampered =
        send("POST", path, BODY.replace("A-1-1", "A-1-2"), signed(SECRET, "POST", path, BODY, now));
    assertEquals(401, tampered.status());
    assertEquals("BAD_SIGNATURE", tampered.body().get("error").asText());

    Answer wrongSecret =
        send("POST", path, BODY, signed("another-secret-of-some-length", "POST", path, BODY, now));
    assertEquals("BAD_SIGNATURE", wrongSecret.body().get("error").asText());

    Answer stale =
        send(
            "POST",
            path,
            BODY,
            signed(SECRET, "POST", path, BODY, now.minus(Duration.ofMinutes(6))));
    assertEquals(401, stale.status());
    assertEquals("STALE_TIMESTAMP", stale.body().get("error").asText());

    String[] unknown = signed(SECRET, "POST", path, BODY, now);
    unknown[1] = "ATM99999";
    assertEquals(
        "UNKNOWN_TERMINAL", send("POST", path, BODY, unknown).body().get("error").asText());

    Answer held = send("POST", path, BODY, signed(SECRET, "POST", path, BODY, now));
    assertEquals(201, held.status(), held.body().toString());
    String number = held.body().get("reservationNumber").asText();

    String statusPath = "/v1/reservations/" + number;
    assertEquals(401, send("GET", statusPath, null, "X-Terminal-Id", TERMINAL).status());
    Answer status = send("GET", statusPath, null, signed(SECRET, "GET", statusPath, null, now));
    assertEquals(200, status.status());
    assertEquals("HELD", status.body().get("status").asText());
  }

  /**
   * A request refused before its body is read leaves the connection fit for the next one: one
   * client (which keeps connections for reuse and never resends a POST) alternates refusals with
   * bodies and signed purchases, and every request gets its answer.
   */
  @ParameterizedTest
  @EnumSource(TestStore.class)
  void refusalsBeforeTheBodyIsReadLeaveTheConnectionUsable(TestStore store) throws Exception {
    start(store);
    String path = "/v1/reservations";
    Instant now = clock.instant();
    for (int i = 0; i < 30; i++) {
      assertEquals(401, send("POST", path, BODY).status(), "no terminal id");
      assertEquals(404, send("POST", "/v1/nowhere", BODY).status());
      assertEquals(405, send("PUT", path, BODY).status());
      assertEquals(401, send("POST", path, BODY, "X-Terminal-Id", "?").status(), "bad terminal id");
      String seat = "A-" + (1 + i / 10) + "-" + (1 + i % 10);
      String body =
          BODY.replace("REQ-1", "REQ-" + i)
              .replace("A-1-1", seat)
              .replace("CARD-0001", String.format("CARD-%04d", i + 1));
      Answer held = send("POST", path, body, signed(SECRET, "POST", path, body, now));
      assertEquals(201, held.status(), held.body().toString());
    }
  }

  /**
   * A refused request whose body is too large to read and drop is answered with {@code Connection:
   * close}, so the client does not send its next request into a connection the center closes.
   */
  @Test
  void aRefusalLeavingAnUnreadBodySaysTheConnectionCloses() throws Exception {
    start(TestStore.SQLITE);
    try (Socket socket = new Socket(server.baseUri().getHost(), server.baseUri().getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/reservations HTTP/1.1\r\nHost: center\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 100000\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();

      String head = responseHead(socket.getInputStream());
      assertTrue(head.startsWith("HTTP/1.1 401 "), head);
      assertTrue(head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n"), head);
    }
  }

  /**
   * A refused request's body, arrived with its head, is read and dropped: the connection serves the
   * next one.
   */
  @Test
  void aRefusedRequestsBodyIsReadAndTheConnectionServesTheNext() throws Exception {
    start(TestStore.SQLITE);
    try (Socket socket = new Socket(server.baseUri().getHost(), server.baseUri().getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      // One write, so the body is on the connection when the refusal is decided.
      out.write(
          ("POST /v1/reservations HTTP/1.1\r\nHost: center\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + BODY.getBytes(StandardCharsets.UTF_8).length
                  + "\r\n\r\n"
                  + BODY)
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      String refused = responseHead(in);
      assertTrue(refused.startsWith("HTTP/1.1 401 "), refused);
      assertFalse(refused.toLowerCase(Locale.ROOT).contains("connection: close"), refused);
      in.readNBytes(contentLength(refused));

      out.write(
          "GET /v1/events HTTP/1.1\r\nHost: center\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String next = responseHead(in);
      assertTrue(next.startsWith("HTTP/1.1 200 "), next);
    }
  }

  /**
   * A refusal does not wait for a body the client declared and has not sent: the answer comes at
   * once with {@code Connection: close}, so clients that declare a body and stall cannot hold the
   * center's workers. More such clients than the server has threads stay connected while another
   * client is served.
   */
  @Test
  void aRefusalDoesNotWaitForAStalledBody() throws Exception {
    int threads = 8;
    start(TestStore.SQLITE, threads);
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < threads * 2; i++) {
        Socket socket = new Socket(server.baseUri().getHost(), server.baseUri().getPort());
        stalled.add(socket);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        // A body within the size the center reads, of which not one byte is ever sent.
        out.write(
            ("POST /v1/reservations HTTP/1.1\r\nHost: center\r\n"
                    + "Content-Type: application/json\r\nContent-Length: "
                    + (64 * 1024)
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }

      HttpResponse<String> other =
          http.send(
              HttpRequest.newBuilder(server.baseUri().resolve("/v1/events"))
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, other.statusCode(), "another client is served meanwhile");

      for (Socket socket : stalled) {
        String head = responseHead(socket.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 401 "), head);
        assertTrue(head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n"), head);
      }
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
    }
  }

  /**
   * Clients that pass every check the head allows and then trickle their body cannot hold the
   * center's workers: an unknown terminal is refused before its body is read, a known one gets 408
   * with {@code Connection: close} once its body misses the deadline, however steadily it keeps
   * coming. More such clients than the server has threads stay connected while a signed purchase is
   * served.
   */
  @Test
  void aTrickledBodyIsCutOffAndHoldsNoWorker() throws Exception {
    int threads = 8;
    start(TestStore.SQLITE, threads);
    String path = "/v1/reservations";
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    List<Socket> known = new ArrayList<>();
    List<Socket> unknown = new ArrayList<>();
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try {
      for (int i = 0; i < threads * 2; i++) {
        boolean isKnown = i % 2 == 0;
        Socket socket = new Socket(server.baseUri().getHost(), server.baseUri().getPort());
        (isKnown ? known : unknown).add(socket);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST "
                    + path
                    + " HTTP/1.1\r\nHost: center\r\nContent-Type: application/json\r\n"
                    + "X-Terminal-Id: "
                    + (isKnown ? TERMINAL : "ATM-NOBODY-" + i)
                    + "\r\nX-Kippu-Timestamp: "
                    + timestamp
                    + "\r\nX-Kippu-Nonce: "
                    + RequestSignature.newNonce()
                    + "\r\nX-Kippu-Signature: "
                    + "ab".repeat(32)
                    + "\r\nContent-Length: "
                    + (64 * 1024)
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
      // One byte of body at a time, well inside the idle timeout, until the center hangs up.
      trickle.scheduleWithFixedDelay(
          () -> {
            for (Socket socket : known) {
              try {
                socket.getOutputStream().write(' ');
                socket.getOutputStream().flush();
              } catch (IOException closed) {
                // The center answered and closed; nothing more to send.
              }
            }
          },
          0,
          100,
          TimeUnit.MILLISECONDS);

      Answer held = send("POST", path, BODY, signed(SECRET, "POST", path, BODY, clock.instant()));
      assertEquals(201, held.status(), "a signed purchase is served meanwhile: " + held.body());

      for (Socket socket : unknown) {
        String head = responseHead(socket.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 401 "), head);
        assertTrue(head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n"), head);
      }
      for (Socket socket : known) {
        String head = responseHead(socket.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 408 "), head);
        assertTrue(head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n"), head);
      }
    } finally {
      trickle.shutdownNow();
      for (Socket socket : known) {
        socket.close();
      }
      for (Socket socket : unknown) {
        socket.close();
      }
    }
  }

  /** The status line and headers of the next response, up to and including the empty line. */
  private static String responseHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed after: " + head);
      }
      head.append((char) b);
    }
    return head.toString();
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).strip());
      }
    }
    throw new AssertionError("no Content-Length in " + head);
  }
}
