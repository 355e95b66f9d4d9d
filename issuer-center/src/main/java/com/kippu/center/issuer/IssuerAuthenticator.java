package com.kippu.center.issuer;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.terminal.ReplayGuard;
import com.kippu.center.terminal.RequestSignature;
import com.kippu.center.terminal.SignedHeaders;
import com.kippu.center.terminal.SignedHeaders.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether a catalog push really comes from the issuer it names: same HMAC-SHA256 request
 * signature as terminals ({@link RequestSignature}) under the issuer's API secret, timestamp within
 * the allowed skew, nonce used once. Always on: issuers change what the center sells.
 */
public final class IssuerAuthenticator {
  private final IssuerAccountRepository accounts;
  private final Clock clock;
  private final Duration maxSkew;
  private final ReplayGuard replays;

  public IssuerAuthenticator(
      IssuerAccountRepository accounts, Clock clock, Duration maxSkew, ReplayGuard replays) {
    this.accounts = accounts;
    this.clock = clock;
    this.maxSkew = maxSkew;
    this.replays = replays;
  }

  /** Empty when authenticated, and the request's nonce is now used. */
  public Optional<Refusal> check(
      IssuerId issuer, String method, String target, byte[] body, SignedHeaders headers) {
    Optional<Refusal> refusal = admit(issuer, headers);
    if (refusal.isPresent()) {
      return refusal;
    }
    Optional<byte[]> secret = accounts.secret(issuer);
    if (secret.isEmpty()) {
      return unknown(issuer);
    }
    if (!headers.matches(secret.get(), method, target, body)) {
      return SignedHeaders.refuse(
          "BAD_SIGNATURE",
          "signature does not match this request for issuer " + issuer,
          SignedHeaders.SIGNATURE_HEADER);
    }
    return headers.firstUse(replays, "issuer " + issuer.value(), maxSkew);
  }

  /**
   * Everything {@link #check} decides without the body: the headers present, the timestamp within
   * the allowed skew, the issuer known. The center asks this before it reads a body, so a caller
   * without an issuer's credentials cannot make it wait for one.
   */
  public Optional<Refusal> admit(IssuerId issuer, SignedHeaders headers) {
    Optional<Refusal> refusal = headers.check(clock, maxSkew);
    if (refusal.isPresent()) {
      return refusal;
    }
    if (accounts.secret(issuer).isEmpty()) {
      return unknown(issuer);
    }
    return Optional.empty();
  }

  private static Optional<Refusal> unknown(IssuerId issuer) {
    return SignedHeaders.refuse("UNKNOWN_ISSUER", "issuer " + issuer + " has no API secret", null);
  }
}
