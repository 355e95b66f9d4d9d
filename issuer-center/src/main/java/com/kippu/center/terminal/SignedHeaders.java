package com.kippu.center.terminal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The three headers of a signed request (timestamp, nonce, signature) as received, null when
 * absent, and the checks every signed caller shares: all present, the nonce well formed, the
 * timestamp within the allowed skew. Terminals and issuers sign the same way.
 */
public record SignedHeaders(String timestamp, String nonce, String signature) {
  public static final String TIMESTAMP_HEADER = "X-Kippu-Timestamp";
  public static final String NONCE_HEADER = "X-Kippu-Nonce";
  public static final String SIGNATURE_HEADER = "X-Kippu-Signature";

  /** Why a signed request was refused; the HTTP edge answers each with 401. */
  public record Refusal(String code, String message, String field) {}

  /** The headers' own checks; empty when they are fit to verify. */
  public Optional<Refusal> check(Clock clock, Duration maxSkew) {
    if (timestamp == null || timestamp.isBlank()) {
      return refuse(
          "MISSING_SIGNATURE", "header " + TIMESTAMP_HEADER + " is required", TIMESTAMP_HEADER);
    }
    if (nonce == null || nonce.isBlank()) {
      return refuse("MISSING_SIGNATURE", "header " + NONCE_HEADER + " is required", NONCE_HEADER);
    }
    if (signature == null || signature.isBlank()) {
      return refuse(
          "MISSING_SIGNATURE", "header " + SIGNATURE_HEADER + " is required", SIGNATURE_HEADER);
    }
    if (!RequestSignature.validNonce(nonce.strip())) {
      return refuse(
          "BAD_NONCE", NONCE_HEADER + " must be 16 to 64 of A-Z a-z 0-9 _ -", NONCE_HEADER);
    }
    Optional<Instant> sent = sentAt();
    if (sent.isEmpty()) {
      return refuse("BAD_TIMESTAMP", TIMESTAMP_HEADER + " must be epoch seconds", TIMESTAMP_HEADER);
    }
    Duration skew = Duration.between(sent.get(), clock.instant()).abs();
    if (skew.compareTo(maxSkew) > 0) {
      return refuse(
          "STALE_TIMESTAMP",
          TIMESTAMP_HEADER
              + " is "
              + skew.toSeconds()
              + "s away from the center's clock (max "
              + maxSkew.toSeconds()
              + "s)",
          TIMESTAMP_HEADER);
    }
    return Optional.empty();
  }

  /** Whether the signature matches this request under {@code secret}. */
  public boolean matches(byte[] secret, String method, String target, byte[] body) {
    return RequestSignature.matches(
        secret, method, target, body, timestamp.strip(), nonce.strip(), signature);
  }

  /**
   * Remembers the nonce of an authenticated request; a refusal when it was used before (on any
   * center node of the database).
   */
  public Optional<Refusal> firstUse(ReplayGuard replays, String caller, Duration maxSkew) {
    ReplayGuard.Use use = replays.use(caller, nonce.strip(), sentAt().orElseThrow().plus(maxSkew));
    return switch (use) {
      case FIRST -> Optional.empty();
      case REPLAYED ->
          refuse(
              "REPLAYED", "this request was already received (" + NONCE_HEADER + ")", NONCE_HEADER);
    };
  }

  private Optional<Instant> sentAt() {
    try {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(timestamp.strip())));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  public static Optional<Refusal> refuse(String code, String message, String field) {
    return Optional.of(new Refusal(code, message, field));
  }
}
