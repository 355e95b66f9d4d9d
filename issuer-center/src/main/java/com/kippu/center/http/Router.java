package com.kippu.center.http;

import com.kippu.center.reservation.CenterPaymentRefusedException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.Callback;

/**
 * Routes requests by method and path template ({@code /v1/reservations/{}/issue}) and turns every
 * failure into the JSON error body: unknown path 404, wrong method 405, rejected request 4xx,
 * anything unexpected 500 without internals. Runs as the server's one handler; a deferred route is
 * answered by whichever thread completes it.
 */
public final class Router extends Handler.Abstract {
  private static final System.Logger LOG = System.getLogger(Router.class.getName());

  /**
   * One line per request at DEBUG (FINE): request id, method, path, status, milliseconds and the
   * caller named in its headers; never a query, a body or a credential.
   */
  private static final System.Logger ACCESS = System.getLogger("com.kippu.center.access");

  static final String REQUEST_ID_HEADER = "X-Request-Id";
  private static final java.util.regex.Pattern REQUEST_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]{8,64}");
  private static final java.util.regex.Pattern CALLER =
      java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  private record Route(
      String method, String template, String[] segments, DeferredEndpoint endpoint) {}

  /** How long a request's whole body may take to arrive, however steadily it trickles in. */
  static final Duration BODY_DEADLINE = Duration.ofSeconds(5);

  /** The route template of a request that matched none (one series, whatever path was asked). */
  static final String UNMATCHED = "UNMATCHED";

  private final List<Route> routes = new ArrayList<>();
  private volatile RequestObserver observer = RequestObserver.NONE;

  Router add(String method, String template, Endpoint endpoint) {
    return addDeferred(
        method,
        template,
        new DeferredEndpoint() {
          @Override
          public void admit(Request request) throws ApiException {
            endpoint.admit(request);
          }

          @Override
          public CompletionStage<Response> handle(Request request) throws ApiException {
            return CompletableFuture.completedFuture(endpoint.handle(request));
          }
        });
  }

  Router addDeferred(String method, String template, DeferredEndpoint endpoint) {
    routes.add(new Route(method, template, split(template), endpoint));
    return this;
  }

  /** Tells {@code observer} of every answered request (metrics); replaces any earlier one. */
  public Router observedBy(RequestObserver observer) {
    this.observer = observer;
    return this;
  }

  /** Every registered route as {@code METHOD /path/{}/template}, in registration order. */
  public List<String> routes() {
    return routes.stream().map(r -> r.method() + " " + r.template()).toList();
  }

  @Override
  public boolean handle(
      org.eclipse.jetty.server.Request request,
      org.eclipse.jetty.server.Response response,
      Callback callback) {
    Exchange exchange =
        new Exchange(request, response, callback, requestId(request), System.nanoTime());
    CompletionStage<Response> answer;
    try {
      answer = dispatch(request, exchange);
    } catch (ApiException e) {
      send(exchange, Response.error(e.status(), e.code(), e.getMessage(), e.field()));
      return true;
    } catch (CenterPaymentRefusedException e) {
      send(exchange, refused(e));
      return true;
    } catch (RuntimeException e) {
      send(exchange, unexpected(request, e));
      return true;
    }
    answer.whenComplete(
        (done, failure) -> {
          if (failure == null) {
            send(exchange, done);
            return;
          }
          Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
          Response problem;
          if (cause instanceof ApiException e) {
            problem = Response.error(e.status(), e.code(), e.getMessage(), e.field());
          } else if (cause instanceof CenterPaymentRefusedException e) {
            problem = refused(e);
          } else {
            problem = unexpected(request, cause);
          }
          send(exchange, problem);
        });
    return true;
  }

  /** A sale whose proof of a center-authorised payment the center's record does not back. */
  private static Response refused(CenterPaymentRefusedException e) {
    return Response.error(
        OutcomeStatus.of(e.reason()), e.reason().name(), e.getMessage(), e.field());
  }

  private static Response unexpected(org.eclipse.jetty.server.Request request, Throwable e) {
    LOG.log(System.Logger.Level.ERROR, "request failed: " + request.getHttpURI().getPath(), e);
    return Response.error(500, "INTERNAL_ERROR", "the center could not process this", null);
  }

  private CompletionStage<Response> dispatch(
      org.eclipse.jetty.server.Request request, Exchange exchange) throws ApiException {
    String[] path = split(request.getHttpURI().getDecodedPath());
    boolean pathKnown = false;
    for (Route route : routes) {
      List<String> params = match(route.segments(), path);
      if (params == null) {
        continue;
      }
      if (!pathKnown) {
        exchange.route = route.template();
      }
      pathKnown = true;
      if (route.method().equals(request.getMethod())) {
        exchange.route = route.template();
        return admitThenRead(route.endpoint(), new Request(request, params));
      }
    }
    if (pathKnown) {
      throw new ApiException(405, "METHOD_NOT_ALLOWED", "method not allowed here", null);
    }
    throw new ApiException(404, "NOT_FOUND", "no such resource", null);
  }

  /**
   * Checks the head first, so a caller the route refuses anyway is answered before any body is
   * read; then reads the body without holding a thread, and runs the endpoint once it is all there.
   */
  private CompletionStage<Response> admitThenRead(DeferredEndpoint endpoint, Request request)
      throws ApiException {
    endpoint.admit(request);
    return request
        .readBody(BODY_DEADLINE)
        .thenCompose(
            read -> {
              try {
                return endpoint.handle(request);
              } catch (ApiException e) {
                return CompletableFuture.failedFuture(e);
              }
            });
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
    String trimmed = path == null ? "" : path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
  }

  /**
   * One exchange in flight: what answering it needs, and what its access log line and metrics say
   * (the route template once the path matched one).
   */
  private static final class Exchange {
    private final org.eclipse.jetty.server.Request request;
    private final org.eclipse.jetty.server.Response response;
    private final Callback callback;
    private final String requestId;
    private final long startedNanos;
    private volatile String route = UNMATCHED;

    Exchange(
        org.eclipse.jetty.server.Request request,
        org.eclipse.jetty.server.Response response,
        Callback callback,
        String requestId,
        long startedNanos) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.requestId = requestId;
      this.startedNanos = startedNanos;
    }
  }

  /** The caller's X-Request-Id when it is well formed, else a new one. */
  private static String requestId(org.eclipse.jetty.server.Request request) {
    String given = request.getHeaders().get(REQUEST_ID_HEADER);
    if (given != null && REQUEST_ID.matcher(given).matches()) {
      return given;
    }
    return java.util.UUID.randomUUID().toString();
  }

  private void send(Exchange exchange, Response answer) {
    org.eclipse.jetty.server.Request request = exchange.request;
    org.eclipse.jetty.server.Response response = exchange.response;
    response.getHeaders().put(REQUEST_ID_HEADER, exchange.requestId);
    long nanos = System.nanoTime() - exchange.startedNanos;
    if (ACCESS.isLoggable(System.Logger.Level.DEBUG)) {
      ACCESS.log(
          System.Logger.Level.DEBUG,
          exchange.requestId
              + " "
              + request.getMethod()
              + " "
              + request.getHttpURI().getPath()
              + " "
              + answer.status()
              + " "
              + nanos / 1_000_000
              + "ms"
              + caller(request));
    }
    try {
      observer.answered(request.getMethod(), exchange.route, answer.status(), nanos);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "request observer failed", e);
    }
    send(request, response, exchange.callback, answer);
  }

  /** The terminal or issuer the request names (not proof of who sent it). */
  private static String caller(org.eclipse.jetty.server.Request request) {
    String terminal = request.getHeaders().get(Request.TERMINAL_HEADER);
    String issuer = request.getHeaders().get(Guards.ISSUER_HEADER);
    String named = terminal != null ? terminal : issuer;
    return named == null || !CALLER.matcher(named).matches() ? "" : " " + named;
  }

  private static void send(
      org.eclipse.jetty.server.Request request,
      org.eclipse.jetty.server.Response response,
      Callback callback,
      Response answer) {
    settleBody(request, response, answer);
    response.setStatus(answer.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
    response.write(true, ByteBuffer.wrap(answer.body()), callback);
  }

  /**
   * Drops what has already arrived of the request body before the answer goes out, without waiting
   * for the rest. A request refused before its body was read (no terminal id, unknown path) would
   * otherwise leave the body on the connection: Jetty then closes the connection once the exchange
   * completes, after an answer that did not say so, and a client that keeps connections for reuse
   * sends its next request into the closed socket. When the body is larger than {@link
   * Request#MAX_BODY_BYTES} or not all there yet, the answer says {@code Connection: close}:
   * waiting for it would let a client that declares a body and trickles it hold a worker (or the
   * thread completing a deferred route) for as long as it likes. A body that missed its deadline
   * (408) is not touched: the read that was waiting for it may still be under way.
   */
  private static void settleBody(
      org.eclipse.jetty.server.Request request,
      org.eclipse.jetty.server.Response response,
      Response answer) {
    // consumeAvailable reads only what is buffered or readable now, and reports whether that was
    // the whole body.
    if (answer.status() == 408
        || request.getLength() > Request.MAX_BODY_BYTES
        || !request.consumeAvailable()) {
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }
  }
}
