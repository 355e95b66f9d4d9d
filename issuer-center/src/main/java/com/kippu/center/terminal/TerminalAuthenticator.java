package com.kippu.center.terminal;

import com.kippu.center.reservation.TerminalId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a request really comes from the terminal it names: the terminal must be known and
 * active, the timestamp within the allowed clock skew of the center's clock, and the signature (see
 * {@link RequestSignature}) must match. Every refusal names its reason. A known terminal's secret
 * is kept for {@link #SECRET_TTL}, so a sale does not read the terminal table on every request; a
 * deactivated terminal is refused within that time, an unknown one is always looked up.
 */
public final class TerminalAuthenticator {
  /** Why a request was refused; the HTTP edge answers each with 401. */
  public record Refusal(String code, String message, String field) {}

  /** How long a known terminal's secret is reused between reads. */
  public static final Duration SECRET_TTL = Duration.ofSeconds(30);

  private record Known(byte[] secret, Instant readAt) {}

  private final TerminalRepository terminals;
  private final Clock clock;
  private final Duration maxSkew;
  private final Map<TerminalId, Known> known = new ConcurrentHashMap<>();

  public TerminalAuthenticator(TerminalRepository terminals, Clock clock, Duration maxSkew) {
    this.terminals = terminals;
    this.clock = clock;
    this.maxSkew = maxSkew;
  }

  /**
   * Checks one request; empty means authenticated. {@code timestamp} and {@code signature} are the
   * raw header values (null when absent); header names are only used in messages.
   */
  public Optional<Refusal> check(
      TerminalId terminal,
      String method,
      String path,
      byte[] body,
      String timestamp,
      String signature,
      String timestampHeader,
      String signatureHeader) {
    Optional<Refusal> refusal =
        admit(terminal, timestamp, signature, timestampHeader, signatureHeader);
    if (refusal.isPresent()) {
      return refusal;
    }
    Optional<byte[]> secret = activeSecret(terminal);
    if (secret.isEmpty()) {
      return unknown(terminal);
    }
    if (!RequestSignature.matches(secret.get(), method, path, body, timestamp.strip(), signature)) {
      return refuse(
          "BAD_SIGNATURE",
          "signature does not match this request for terminal " + terminal,
          signatureHeader);
    }
    return Optional.empty();
  }

  /**
   * Everything {@link #check} decides without the body: both headers present, the timestamp within
   * the allowed skew, the terminal known and active. The center asks this before it reads a body,
   * so a caller without a terminal's credentials cannot make it wait for one.
   */
  public Optional<Refusal> admit(
      TerminalId terminal,
      String timestamp,
      String signature,
      String timestampHeader,
      String signatureHeader) {
    if (timestamp == null || timestamp.isBlank()) {
      return refuse(
          "MISSING_SIGNATURE", "header " + timestampHeader + " is required", timestampHeader);
    }
    if (signature == null || signature.isBlank()) {
      return refuse(
          "MISSING_SIGNATURE", "header " + signatureHeader + " is required", signatureHeader);
    }
    Instant sent;
    try {
      sent = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return refuse("BAD_TIMESTAMP", timestampHeader + " must be epoch seconds", timestampHeader);
    }
    Duration skew = Duration.between(sent, clock.instant()).abs();
    if (skew.compareTo(maxSkew) > 0) {
      return refuse(
          "STALE_TIMESTAMP",
          timestampHeader
              + " is "
              + skew.toSeconds()
              + "s away from the center's clock (max "
              + maxSkew.toSeconds()
              + "s)",
          timestampHeader);
    }
    if (activeSecret(terminal).isEmpty()) {
      return unknown(terminal);
    }
    return Optional.empty();
  }

  private Optional<byte[]> activeSecret(TerminalId terminal) {
    Instant now = clock.instant();
    Known cached = known.get(terminal);
    if (cached != null && now.isBefore(cached.readAt().plus(SECRET_TTL))) {
      return Optional.of(cached.secret());
    }
    Optional<byte[]> secret = terminals.activeSecret(terminal);
    secret.ifPresentOrElse(
        s -> known.put(terminal, new Known(s, now)), () -> known.remove(terminal));
    return secret;
  }

  private static Optional<Refusal> unknown(TerminalId terminal) {
    return refuse("UNKNOWN_TERMINAL", "terminal " + terminal + " is not registered", null);
  }

  private static Optional<Refusal> refuse(String code, String message, String field) {
    return Optional.of(new Refusal(code, message, field));
  }
}
