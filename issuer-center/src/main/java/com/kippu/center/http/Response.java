package com.kippu.center.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** An HTTP answer: status, content type and body bytes. JSON is the default. */
record Response(int status, String contentType, byte[] body) {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String APPLICATION_JSON = "application/json; charset=utf-8";

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

  /** The one error body: {"error", "message", "field" when a field is at fault, extras}. */
  static Response error(int status, String code, String message, String field) {
    return json(status, errorBody(code, message, field));
  }

  static ObjectNode errorBody(String code, String message, String field) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", code);
    body.put("message", message);
    if (field != null) {
      body.put("field", field);
    }
    return body;
  }

  static Response seatError(int status, String code, String message, List<String> seatIds) {
    ObjectNode body = errorBody(code, message, "seatIds");
    seatIds.forEach(body.putArray("seatIds")::add);
    return json(status, body);
  }
}
