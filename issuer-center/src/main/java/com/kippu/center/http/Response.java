package com.kippu.center.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An HTTP answer: status, content type and body bytes. JSON is the default; errors are RFC 9457
 * problem details.
 */
record Response(int status, String contentType, byte[] body) {
  /** Reads strictly: a key twice in one object is an error, not "the last one wins". */
  static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  static final String APPLICATION_JSON = "application/json; charset=utf-8";
  static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";

  /** Problem types are URNs: they name the error code and resolve nowhere. */
  static final String PROBLEM_TYPE_PREFIX = "urn:kippu:problem:";

  static Response json(int status, Object body) {
    try {
      return new Response(status, APPLICATION_JSON, JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode response", e);
    }
  }

  /** A 201 whose JSON body is already written. */
  static Response json201(byte[] body) {
    return new Response(201, APPLICATION_JSON, body);
  }

  /**
   * The one error body, an RFC 9457 problem: {@code type}, {@code title}, {@code status}, {@code
   * detail}, and the members terminals read: {@code error} (the code), {@code message} and {@code
   * field} when a field or header is at fault.
   */
  static Response error(int status, String code, String message, String field) {
    return problem(status, errorBody(status, code, message, field));
  }

  static ObjectNode errorBody(int status, String code, String message, String field) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", PROBLEM_TYPE_PREFIX + code);
    body.put("title", code.replace('_', ' ').toLowerCase(java.util.Locale.ROOT));
    body.put("status", status);
    body.put("detail", message);
    body.put("error", code);
    body.put("message", message);
    if (field != null) {
      body.put("field", field);
    }
    return body;
  }

  static Response seatError(int status, String code, String message, List<String> seatIds) {
    ObjectNode body = errorBody(status, code, message, "seatIds");
    seatIds.forEach(body.putArray("seatIds")::add);
    return problem(status, body);
  }

  static Response problem(int status, ObjectNode body) {
    try {
      return new Response(status, PROBLEM_JSON, JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode response", e);
    }
  }
}
