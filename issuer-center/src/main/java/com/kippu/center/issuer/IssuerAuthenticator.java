package com.kippu.center.issuer;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.terminal.RequestSignature;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a catalog push really comes from the issuer it names: same HMAC-SHA256 request
 * signature as terminals ({@link RequestSignature}) under the issuer's API secret, timestamp within
 * the allowed skew. Always on: issuers change what the center sells.
 */
public final class IssuerAuthenticator {
  /** Why a request was refused (answered 401), naming the header at fault. */
  public record Refusal(String code, String message, String field) {}

  private final IssuerAccountRepository accounts;
  private final Clock clock;
  private final Duration maxSkew;

  public IssuerAuthenticator(IssuerAccountRepository accounts, Clock clock, Duration maxSkew) {
    this.accounts = accounts;
    this.clock = clock;
    this.maxSkew = maxSkew;
  }

  /** Empty when authenticated; header names are only used in messages. */
  public Optional<Refusal> check(
      IssuerId issuer,
      String method,
      String target,
      byte[] body,
      String timestamp,
      String signature,
      String timestampHeader,
      String signatureHeader) {
    Optional<Refusal> refusal =
        admit(issuer, timestamp, signature, timestampHeader, signatureHeader);
    if (refusal.isPresent()) {
      return refusal;
    }
    Optional<byte[]> secret = accounts.secret(issuer);
    if (secret.isEmpty()) {
      return unknown(issuer);
    }
    if (!RequestSignature.matches(
        secret.get(), method, target, body, timestamp.strip(), signature)) {
      return refuse(
          "BAD_SIGNATURE",
          "signature does not match this request for issuer " + issuer,
          signatureHeader);
    }
    return Optional.empty();
  }

  /**
   * Everything {@link #check} decides without the body: both headers present, the timestamp within
   * the allowed skew, the issuer known. The center asks this before it reads a body, so a caller
   * without an issuer's credentials cannot make it wait for one.
   */
  public Optional<Refusal> admit(
      IssuerId issuer,
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
    } catch (NumberFormatException | DateTimeException e) {
      return refuse("BAD_TIMESTAMP", timestampHeader + " must be epoch seconds", timestampHeader);
    }
    if (Duration.between(sent, clock.instant()).abs().compareTo(maxSkew) > 0) {
      return refuse(
          "STALE_TIMESTAMP",
          timestampHeader + " is more than " + maxSkew.toSeconds() + "s off the center's clock",
          timestampHeader);
    }
    if (accounts.secret(issuer).isEmpty()) {
      return unknown(issuer);
    }
    return Optional.empty();
  }

  private static Optional<Refusal> unknown(IssuerId issuer) {
    return refuse("UNKNOWN_ISSUER", "issuer " + issuer + " has no API secret", null);
  }

  private static Optional<Refusal> refuse(String code, String message, String field) {
    return Optional.of(new Refusal(code, message, field));
  }
}
