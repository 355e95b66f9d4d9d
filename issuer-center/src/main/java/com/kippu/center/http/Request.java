package com.kippu.center.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.kippu.center.reservation.TerminalId;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** An incoming request with its path parameters, read lazily and checked field by field. */
final class Request {
  /** Bodies are small JSON documents; anything larger is refused unread. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  static final String TERMINAL_HEADER = "X-Terminal-Id";

  private final org.eclipse.jetty.server.Request exchange;
  private final List<String> pathParams;
  private byte[] body;

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

  /** The body as a JSON object; an empty body reads as an empty object. */
  JsonFields body() throws ApiException {
    byte[] bytes = rawBody();
    if (bytes.length == 0) {
      return new JsonFields(Response.JSON.createObjectNode(), "");
    }
    JsonNode node;
    try {
      node = Response.JSON.readTree(bytes);
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

  /** The body bytes, read once (the signature check and the parser see the same bytes). */
  byte[] rawBody() throws ApiException {
    if (body == null) {
      body = readBody();
    }
    return body;
  }

  private byte[] readBody() throws ApiException {
    long declared = exchange.getLength();
    if (declared > MAX_BODY_BYTES) {
      throw new ApiException(413, "BODY_TOO_LARGE", "body exceeds " + MAX_BODY_BYTES, null);
    }
    try (InputStream in = org.eclipse.jetty.server.Request.asInputStream(exchange)) {
      // The declared length when there is one: no oversized buffer per request.
      byte[] bytes =
          declared >= 0 ? in.readNBytes((int) declared + 1) : in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new ApiException(413, "BODY_TOO_LARGE", "body exceeds " + MAX_BODY_BYTES, null);
      }
      return bytes;
    } catch (IOException e) {
      throw new ApiException(400, "MALFORMED_JSON", "body could not be read", null);
    }
  }
}
