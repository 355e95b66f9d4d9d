package com.kippu.center.http;

/**
 * A request the edge rejects before it reaches the service: malformed JSON, a missing or invalid
 * field or header. Carries the HTTP status, the error code and the field at fault.
 */
final class ApiException extends Exception {
  private final int status;
  private final String code;
  private final String field;

  ApiException(int status, String code, String message, String field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  static ApiException missing(String field) {
    return new ApiException(400, "MISSING_FIELD", "field '" + field + "' is required", field);
  }

  static ApiException invalid(String field, String why) {
    return new ApiException(400, "INVALID_FIELD", "field '" + field + "' " + why, field);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  String field() {
    return field;
  }
}
