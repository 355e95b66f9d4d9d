package com.kippu.center;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.signing.SignedDocument;
import com.kippu.center.terminal.RequestSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/** The center's API as terminals, issuers and the operator call it in tests, over real HTTP. */
public final class CenterClient {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final String ADMIN_TOKEN = "test-operator-token-0123456789";

  private final HttpClient http;
  private final URI base;
  private final Clock clock;

  public CenterClient(URI base, Clock clock) {
    this(base, clock, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
  }

  /** Through {@code http} (e.g. one that trusts a test center's HTTPS certificate). */
  public CenterClient(URI base, Clock clock, HttpClient http) {
    this.base = base;
    this.clock = clock;
    this.http = http;
  }

  /** A status and the body (JSON when it parses, else a text node). */
  public record Answer(int status, JsonNode body, String contentType, byte[] raw) {
    public String error() {
      return body.path("error").asText();
    }

    public String text() {
      return new String(raw, StandardCharsets.UTF_8);
    }
  }

  public Answer get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  public Answer post(String path, Object body, String terminal) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .header("X-Terminal-Id", terminal)
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body))));
  }

  public Answer getAsTerminal(String path, String terminal) {
    return send(HttpRequest.newBuilder(base.resolve(path)).header("X-Terminal-Id", terminal).GET());
  }

  public Answer admin(String method, String path, Object body) {
    return adminWith(ADMIN_TOKEN, method, path, body);
  }

  /** An operator request under {@code token}. */
  public Answer adminWith(String token, String method, String path, Object body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
    return send(b);
  }

  /**
   * A request signed as terminal {@code terminal} with {@code secret}, like the terminal's client
   * sends it; {@code body} null sends none.
   */
  public Answer asTerminal(
      String terminal, String secret, String method, String path, Object body) {
    return send(signedAsTerminal(terminal, secret, method, path, body));
  }

  /** The signed request of {@link #asTerminal}, to send again (a replay). */
  public HttpRequest.Builder signedAsTerminal(
      String terminal, String secret, String method, String path, Object body) {
    byte[] bytes = body == null ? new byte[0] : bytes(body);
    String ts = Long.toString(clock.instant().getEpochSecond());
    String nonce = RequestSignature.newNonce();
    String sig =
        RequestSignature.sign(
            secret.getBytes(StandardCharsets.UTF_8), method, path, bytes, ts, nonce);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .header("X-Terminal-Id", terminal)
            .header("X-Kippu-Timestamp", ts)
            .header("X-Kippu-Nonce", nonce)
            .header("X-Kippu-Signature", sig)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return b;
  }

  /** Sends a request built elsewhere (a replay of a signed one). */
  public Answer send(HttpRequest request) {
    return send(HttpRequest.newBuilder(request, (name, value) -> true));
  }

  /** A request signed as {@code issuer} with {@code secret}, like an issuer's system sends it. */
  public Answer asIssuer(String issuer, String secret, String method, String path, Object body) {
    byte[] bytes = body == null ? new byte[0] : bytes(body);
    String ts = Long.toString(clock.instant().getEpochSecond());
    String nonce = RequestSignature.newNonce();
    String sig =
        RequestSignature.sign(
            secret.getBytes(StandardCharsets.UTF_8), method, path, bytes, ts, nonce);
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .header("X-Issuer-Id", issuer)
            .header("X-Kippu-Timestamp", ts)
            .header("X-Kippu-Nonce", nonce)
            .header("X-Kippu-Signature", sig)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes)));
  }

  /**
   * A terminal's POST of {@code body} that sends its first byte, then nothing for {@code pause},
   * then the rest: a slow or stalled client as the center sees it.
   */
  public Answer postStalling(String path, byte[] body, String terminal, Duration pause) {
    HttpRequest.BodyPublisher stalling =
        HttpRequest.BodyPublishers.fromPublisher(
            subscriber -> {
              java.util.concurrent.SubmissionPublisher<java.nio.ByteBuffer> parts =
                  new java.util.concurrent.SubmissionPublisher<>();
              parts.subscribe(subscriber);
              Thread sender =
                  new Thread(
                      () -> {
                        parts.submit(java.nio.ByteBuffer.wrap(body, 0, 1));
                        try {
                          Thread.sleep(pause.toMillis());
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        parts.submit(java.nio.ByteBuffer.wrap(body, 1, body.length - 1));
                        parts.close();
                      },
                      "stalling-body");
              sender.setDaemon(true);
              sender.start();
            },
            body.length);
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .header("X-Terminal-Id", terminal)
            .POST(stalling),
        body);
  }

  private Answer send(HttpRequest.Builder request) {
    return send(request, null);
  }

  /** Sends and checks the exchange; {@code sent} is the body when the request cannot replay it. */
  private Answer send(HttpRequest.Builder request, byte[] sent) {
    try {
      HttpRequest built = request.timeout(Duration.ofSeconds(20)).build();
      HttpResponse<byte[]> r = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
      java.util.List<String> problems =
          OpenApiBodies.check(
              built.method(),
              built.uri().getRawPath(),
              sent != null ? sent : bodyOf(built),
              r.statusCode(),
              r.headers().firstValue("Content-Type").orElse(""),
              r.body());
      if (problems.isEmpty()) {
        OpenApiBodies.operation(built.method(), built.uri().getRawPath())
            .ifPresent(operation -> OpenApiExchanges.answered(operation, r.statusCode()));
      }
      String collect = System.getProperty("kippu.openapi.collect");
      if (!problems.isEmpty() && collect != null) {
        // While the document is brought up to date: every disagreement of a run, in one file.
        synchronized (CenterClient.class) {
          java.nio.file.Files.writeString(
              java.nio.file.Path.of(collect),
              String.join("\n", problems) + "\n",
              java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.APPEND);
        }
      } else if (!problems.isEmpty()) {
        throw new AssertionError(
            "disagrees with openapi.yaml:\n  "
                + String.join("\n  ", problems)
                + "\n  body: "
                + new String(r.body(), StandardCharsets.UTF_8));
      }
      String type = r.headers().firstValue("Content-Type").orElse("");
      JsonNode body;
      try {
        body =
            type.startsWith("application/json") || type.startsWith("application/problem+json")
                ? JSON.readTree(r.body())
                : JSON.nullNode();
      } catch (java.io.IOException e) {
        body = JSON.nullNode();
      }
      return new Answer(r.statusCode(), body, type, r.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The bytes a request sends (its publisher replays them to each subscriber). */
  private static byte[] bodyOf(HttpRequest request) {
    if (request.bodyPublisher().isEmpty()) {
      return new byte[0];
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.util.concurrent.CompletableFuture<Void> done =
        new java.util.concurrent.CompletableFuture<>();
    request
        .bodyPublisher()
        .get()
        .subscribe(
            new java.util.concurrent.Flow.Subscriber<java.nio.ByteBuffer>() {
              @Override
              public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(java.nio.ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.writeBytes(chunk);
              }

              @Override
              public void onError(Throwable t) {
                done.completeExceptionally(t);
              }

              @Override
              public void onComplete() {
                done.complete(null);
              }
            });
    try {
      done.get(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not read the request body", e);
    }
    return out.toByteArray();
  }

  private static byte[] bytes(Object body) {
    try {
      return body instanceof String s
          ? s.getBytes(StandardCharsets.UTF_8)
          : JSON.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  public static ObjectNode payment(long yen, String reference) {
    return object()
        .put("method", "ACCOUNT_TRANSFER")
        .put("amountYen", yen)
        .put("reference", reference)
        .put("approvalCode", "A1B2C3")
        .put("stan", "000123")
        .put("paidAt", "2026-12-01T01:02:03Z")
        .put("acquirer", "000001");
  }

  /** A direct-purchase (F6) body for the seeded event. */
  public static ObjectNode purchase(
      String request, String card, String seat, long yen, String ref) {
    ObjectNode b =
        object()
            .put("eventId", "evt-2026-12-24-dome")
            .put("cardId", card)
            .put("requestNumber", request);
    b.putArray("seatIds").add(seat);
    b.set("payment", payment(yen, ref));
    return b;
  }

  public static SignedDocument envelope(JsonNode node) {
    Base64.Decoder b64 = Base64.getDecoder();
    return new SignedDocument(
        b64.decode(node.get("payload").asText()),
        b64.decode(node.get("signature").asText()),
        node.get("keyId").asText(),
        node.get("algorithm").asText());
  }

  public static JsonNode payload(JsonNode envelope) {
    try {
      return JSON.readTree(envelope(envelope).payload());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
