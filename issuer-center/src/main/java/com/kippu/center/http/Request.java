package com.kippu.center.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.terminal.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.Scheduler;

/** An incoming request with its path parameters, read lazily and checked field by field. */
final class Request {
  /** Bodies are small JSON documents; anything larger is refused unread. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  /**
   * How much of a body over {@link #MAX_BODY_BYTES} is read and dropped before the 413, so that an
   * ordinary client still sending it reads the answer; a larger one is refused on its declared
   * length at once.
   */
  private static final long DRAINED_BYTES = 1024 * 1024;

  static final String TERMINAL_HEADER = "X-Terminal-Id";

  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

  private final org.eclipse.jetty.server.Request exchange;
  private final List<String> pathParams;
  private byte[] body;
  private Terminal caller;
  private String operator;

  Request(org.eclipse.jetty.server.Request exchange, List<String> pathParams) {
    this.exchange = exchange;
    this.pathParams = List.copyOf(pathParams);
  }

  String pathParam(int index) {
    return pathParams.get(index);
  }

  String method() {
    return exchange.getMethod();
  }

  /** The raw request target as signed by terminals: path, plus {@code ?query} when present. */
  String rawTarget() {
    return exchange.getHttpURI().getPathQuery();
  }

  /** True when the request came over TLS. */
  boolean secure() {
    return exchange.isSecure();
  }

  /** The common name of the client certificate the TLS handshake verified (mutual TLS), if any. */
  java.util.Optional<String> clientCertificateName() {
    if (!(exchange.getAttribute(org.eclipse.jetty.io.EndPoint.SslSessionData.ATTRIBUTE)
        instanceof org.eclipse.jetty.io.EndPoint.SslSessionData tls)) {
      return java.util.Optional.empty();
    }
    java.security.cert.X509Certificate[] chain = tls.peerCertificates();
    if (chain == null || chain.length == 0) {
      return java.util.Optional.empty();
    }
    try {
      for (javax.naming.ldap.Rdn rdn :
          new javax.naming.ldap.LdapName(chain[0].getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return java.util.Optional.of(rdn.getValue().toString());
        }
      }
    } catch (javax.naming.InvalidNameException e) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.empty();
  }

  /** A query parameter's first value, or null. */
  String queryParam(String name) {
    return org.eclipse.jetty.server.Request.extractQueryParameters(exchange).getValue(name);
  }

  /** A header's first value, or null. */
  String header(String name) {
    return exchange.getHeaders().get(name);
  }

  /** The calling terminal; required on every POST. */
  TerminalId terminalId() throws ApiException {
    String value = exchange.getHeaders().get(TERMINAL_HEADER);
    if (value == null || value.isBlank()) {
      throw new ApiException(
          400, "MISSING_HEADER", "header " + TERMINAL_HEADER + " is required", TERMINAL_HEADER);
    }
    try {
      return new TerminalId(value.strip());
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "INVALID_HEADER", e.getMessage(), TERMINAL_HEADER);
    }
  }

  /** Set by the terminal guard once the caller is authenticated. */
  void caller(Terminal terminal) {
    this.caller = terminal;
  }

  /** The authenticated calling terminal of a terminal route. */
  Terminal caller() {
    if (caller == null) {
      throw new IllegalStateException("not a terminal route, or the guard has not run");
    }
    return caller;
  }

  /** Set by the operator guard: who the bearer token belongs to. */
  void operator(String name) {
    this.operator = name;
  }

  /** The operator of an operator route. */
  String operator() {
    if (operator == null) {
      throw new IllegalStateException("not an operator route, or the guard has not run");
    }
    return operator;
  }

  /** The body as a JSON object; an empty body reads as an empty object. */
  JsonFields body() throws ApiException {
    byte[] bytes = rawBody();
    if (bytes.length == 0) {
      return new JsonFields(Response.JSON.createObjectNode(), "");
    }
    requireJson();
    JsonNode node;
    try {
      node = Response.JSON.readTree(bytes);
    } catch (StreamReadException e) {
      Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
      if (duplicate.find()) {
        throw new ApiException(
            400,
            "DUPLICATE_FIELD",
            "field '" + duplicate.group(1) + "' appears more than once",
            duplicate.group(1));
      }
      throw new ApiException(
          400, "MALFORMED_JSON", "body is not valid JSON: " + e.getOriginalMessage(), null);
    } catch (JsonProcessingException e) {
      throw new ApiException(
          400, "MALFORMED_JSON", "body is not valid JSON: " + e.getOriginalMessage(), null);
    } catch (IOException e) {
      throw new ApiException(400, "MALFORMED_JSON", "body could not be read", null);
    }
    if (node == null || !node.isObject()) {
      throw new ApiException(400, "MALFORMED_JSON", "body must be a JSON object", null);
    }
    return new JsonFields(node, "");
  }

  /** A body is JSON: {@code application/json}, with or without parameters; else 415. */
  private void requireJson() throws ApiException {
    String type = header("Content-Type");
    String media =
        type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    if (!media.equals("application/json")) {
      throw new ApiException(
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          "the body must be application/json" + (type == null ? "" : ", not " + media),
          "Content-Type");
    }
  }

  /** The body bytes, as read by {@link #readBody} (the signature check and the parser see them). */
  byte[] rawBody() {
    if (body == null) {
      throw new IllegalStateException("the body is read before the endpoint runs");
    }
    return body;
  }

  /**
   * Reads the whole body without holding a thread while it arrives: each part is read when Jetty
   * says it is there. Completes with 413 past {@link #MAX_BODY_BYTES}, and with 408 when the body
   * is not all there within {@code deadline} of the start, however slowly it keeps coming (Jetty's
   * idle timeout alone would let a client trickle a byte at a time for as long as it likes).
   */
  CompletableFuture<Void> readBody(Duration deadline) {
    CompletableFuture<Void> read = new CompletableFuture<>();
    long declared = exchange.getLength();
    if (declared > DRAINED_BYTES) {
      read.completeExceptionally(tooLarge());
      return read;
    }
    Scheduler.Task timer =
        exchange
            .getComponents()
            .getScheduler()
            .schedule(
                () ->
                    read.completeExceptionally(
                        new ApiException(
                            408,
                            "BODY_TIMEOUT",
                            "the body did not arrive within " + deadline.toSeconds() + "s",
                            null)),
                deadline.toMillis(),
                TimeUnit.MILLISECONDS);
    read.whenComplete((done, failure) -> timer.cancel());
    // The declared length when there is one: no oversized buffer per request.
    var bytes =
        new ByteArrayOutputStream(declared >= 0 ? (int) Math.min(declared, MAX_BODY_BYTES) : 1024);
    new Runnable() {
      private long discarded;

      @Override
      public void run() {
        while (!read.isDone()) {
          Content.Chunk chunk = exchange.read();
          if (chunk == null) {
            if (!read.isDone()) { // a 408 may have answered meanwhile: nothing more to read
              exchange.demand(this);
            }
            return;
          }
          if (Content.Chunk.isFailure(chunk)) {
            read.completeExceptionally(
                new ApiException(400, "MALFORMED_JSON", "body could not be read", null));
            return;
          }
          ByteBuffer part = chunk.getByteBuffer();
          if (discarded > 0 || bytes.size() + part.remaining() > MAX_BODY_BYTES) {
            // Too large: the rest is read and dropped (up to DRAINED_BYTES) so that the client,
            // still sending, gets to read the 413 instead of a connection reset.
            discarded += part.remaining();
            boolean last = chunk.isLast();
            chunk.release();
            if (last || bytes.size() + discarded > DRAINED_BYTES) {
              read.completeExceptionally(tooLarge());
              return;
            }
            continue;
          }
          byte[] copy = new byte[part.remaining()];
          part.get(copy);
          bytes.write(copy, 0, copy.length);
          boolean last = chunk.isLast();
          chunk.release();
          if (last) {
            body = bytes.toByteArray();
            read.complete(null);
          }
        }
      }
    }.run();
    return read;
  }

  private static ApiException tooLarge() {
    return new ApiException(413, "BODY_TOO_LARGE", "body exceeds " + MAX_BODY_BYTES, null);
  }
}
