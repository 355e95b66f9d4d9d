package com.kippu.center.terminal;

import com.kippu.center.reservation.TerminalId;
import com.kippu.center.terminal.SignedHeaders.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a request really comes from the terminal it names: the terminal must be known and
 * active, the timestamp within the allowed clock skew of the center's clock, the signature (see
 * {@link RequestSignature}) must match, and the nonce must not have been used in the skew window.
 * Every refusal names its reason. A known terminal's secret is kept for {@link #SECRET_TTL}, so a
 * sale does not read the terminal table on every request; the operator's changes to a terminal drop
 * it at once ({@link #forget}), an unknown terminal is always looked up.
 */
public final class TerminalAuthenticator {
  /** How long a known terminal's secret is reused between reads. */
  public static final Duration SECRET_TTL = Duration.ofSeconds(30);

  private record Known(TerminalRepository.Credential credential, Instant readAt) {}

  private final TerminalRepository terminals;
  private final Clock clock;
  private final Duration maxSkew;
  private final ReplayGuard replays;
  private final Map<TerminalId, Known> known = new ConcurrentHashMap<>();

  public TerminalAuthenticator(
      TerminalRepository terminals, Clock clock, Duration maxSkew, ReplayGuard replays) {
    this.terminals = terminals;
    this.clock = clock;
    this.maxSkew = maxSkew;
    this.replays = replays;
  }

  /** Checks one request; empty means authenticated, and its nonce is now used. */
  public Optional<Refusal> check(
      TerminalId terminal, String method, String path, byte[] body, SignedHeaders headers) {
    Optional<Refusal> refusal = admit(terminal, headers);
    if (refusal.isPresent()) {
      return refusal;
    }
    Optional<TerminalRepository.Credential> credential = active(terminal);
    if (credential.isEmpty()) {
      return unknown(terminal);
    }
    if (!headers.matches(credential.get().secret(), method, path, body)) {
      return SignedHeaders.refuse(
          "BAD_SIGNATURE",
          "signature does not match this request for terminal " + terminal,
          SignedHeaders.SIGNATURE_HEADER);
    }
    return headers.firstUse(replays, "terminal " + terminal.value(), maxSkew);
  }

  /**
   * Everything {@link #check} decides without the body: the headers present, the timestamp within
   * the allowed skew, the terminal known and active. The center asks this before it reads a body,
   * so a caller without a terminal's credentials cannot make it wait for one.
   */
  public Optional<Refusal> admit(TerminalId terminal, SignedHeaders headers) {
    Optional<Refusal> refusal = headers.check(clock, maxSkew);
    if (refusal.isPresent()) {
      return refusal;
    }
    if (active(terminal).isEmpty()) {
      return unknown(terminal);
    }
    return Optional.empty();
  }

  /** The active terminal of that id (kind, venue); empty when unknown or deactivated. */
  public Optional<Terminal> terminal(TerminalId terminal) {
    return active(terminal).map(TerminalRepository.Credential::terminal);
  }

  /** Drops what is cached of {@code terminal}: its next request reads the table again. */
  public void forget(TerminalId terminal) {
    known.remove(terminal);
  }

  private Optional<TerminalRepository.Credential> active(TerminalId terminal) {
    Instant now = clock.instant();
    Known cached = known.get(terminal);
    if (cached != null && now.isBefore(cached.readAt().plus(SECRET_TTL))) {
      return Optional.of(cached.credential());
    }
    Optional<TerminalRepository.Credential> credential = terminals.active(terminal);
    credential.ifPresentOrElse(
        c -> known.put(terminal, new Known(c, now)), () -> known.remove(terminal));
    return credential;
  }

  private static Optional<Refusal> unknown(TerminalId terminal) {
    return SignedHeaders.refuse(
        "UNKNOWN_TERMINAL", "terminal " + terminal + " is not registered", null);
  }
}
