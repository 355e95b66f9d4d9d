package com.kippu.iso8583;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/** Response codes (ISO 8583:1987 field 39, an2) the two links use. */
public enum ResponseCode {
  APPROVED("00"),
  INVALID_TRANSACTION("12"),
  INVALID_ACCOUNT("14"),
  FORMAT_ERROR("30"),
  INSUFFICIENT_FUNDS("51"),
  EXPIRED_CARD("54"),
  INCORRECT_PIN("55"),
  /** ISO 8583:1987 "security violation": the request's MAC did not verify; nothing was applied. */
  SECURITY_VIOLATION("63"),
  PIN_TRIES_EXCEEDED("75"),
  ISSUER_UNAVAILABLE("91"),
  DUPLICATE_TRANSMISSION("94"),
  SYSTEM_MALFUNCTION("96");

  private final String code;

  ResponseCode(String code) {
    this.code = code;
  }

  /** The two characters as they travel in field 39. */
  public String code() {
    return code;
  }

  /** The constant for {@code code}, or empty when the link does not define it. */
  public static Optional<ResponseCode> find(String code) {
    return Arrays.stream(values()).filter(rc -> rc.code.equals(code)).findFirst();
  }

  /**
   * The constant for {@code code}.
   *
   * @throws IllegalArgumentException when {@code code} is not a response code of this link
   */
  public static ResponseCode of(String code) {
    Objects.requireNonNull(code, "code");
    return find(code)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown ISO 8583 field 39 response code '" + code + "'"));
  }
}
