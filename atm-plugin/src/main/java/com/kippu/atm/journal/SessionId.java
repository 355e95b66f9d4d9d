package com.kippu.atm.journal;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Objects;

/** Identifies one customer session at one terminal, from card insertion to card return. */
public record SessionId(String value) {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  public SessionId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("session id must not be blank");
    }
  }

  /** A new id that sorts by start time and does not collide across restarts. */
  public static SessionId next(String terminalId, Instant now, SecureRandom random) {
    byte[] suffix = new byte[4];
    random.nextBytes(suffix);
    return new SessionId(
        terminalId + "-" + STAMP.format(now) + "-" + HexFormat.of().formatHex(suffix));
  }

  @Override
  public String toString() {
    return value;
  }
}
