package com.kippu.center.http;

import java.nio.ByteBuffer;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, outside the router: above all the admission handler's 503 when
 * the center is overloaded (OVERLOADED), also a request Jetty cannot parse. They are the same RFC
 * 9457 problem as every other error, so a terminal reads one shape whatever refused it, and say no
 * more than the status (no stack, no exception text).
 */
public final class ProblemErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(
      org.eclipse.jetty.server.Request request,
      org.eclipse.jetty.server.Response response,
      int status,
      String message,
      Throwable cause,
      Callback callback) {
    Response problem =
        status == HttpStatus.SERVICE_UNAVAILABLE_503
            ? Response.error(status, "OVERLOADED", "the center is busy; try again shortly", null)
            : Response.error(status, code(status), HttpStatus.getMessage(status), null);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, problem.contentType());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, problem.body().length);
    response.write(true, ByteBuffer.wrap(problem.body()), callback);
  }

  /** {@code Request Header Fields Too Large} as {@code REQUEST_HEADER_FIELDS_TOO_LARGE}. */
  private static String code(int status) {
    return HttpStatus.getMessage(status)
        .toUpperCase(Locale.ROOT)
        .replaceAll("[^A-Z0-9]+", "_")
        .replaceAll("^_|_$", "");
  }
}
