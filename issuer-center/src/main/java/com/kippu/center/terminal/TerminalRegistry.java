package com.kippu.center.terminal;

import com.kippu.center.reservation.TerminalId;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * The operator's side of terminal credentials: registration, secret rotation, deactivation and
 * reactivation, each in force for the very next request (the authenticator's cache of the terminal
 * is dropped). A new secret is generated here and handed out once; the center keeps it only to
 * verify signatures.
 */
public final class TerminalRegistry {
  private static final System.Logger LOG = System.getLogger(TerminalRegistry.class.getName());
  private static final int SECRET_BYTES = 32;

  /** A registration: whether the terminal was new, and its secret, shown this once. */
  public record Registered(Terminal terminal, boolean added, String secret) {}

  private final TerminalRepository terminals;
  private final TerminalAuthenticator authenticator;
  private final SecureRandom random;
  private final Clock clock;

  public TerminalRegistry(
      TerminalRepository terminals,
      TerminalAuthenticator authenticator,
      SecureRandom random,
      Clock clock) {
    this.terminals = terminals;
    this.authenticator = authenticator;
    this.random = random;
    this.clock = clock;
  }

  /** Registers {@code terminal} (or replaces an existing one) with a fresh secret, active. */
  public Registered register(Terminal terminal) {
    String secret = newSecret();
    boolean added =
        terminals.register(terminal, secret.getBytes(StandardCharsets.UTF_8), clock.instant());
    authenticator.forget(terminal.terminalId());
    LOG.log(
        System.Logger.Level.INFO,
        (added ? "registered " : "re-registered ") + terminal.kind() + " " + terminal.terminalId());
    return new Registered(terminal, added, secret);
  }

  /** Whether {@code terminalId} is registered (active or not). */
  public boolean known(TerminalId terminalId) {
    return terminals.secret(terminalId).isPresent();
  }

  /** A fresh secret for a known terminal; the old one stops working at once. */
  public Optional<String> rotate(TerminalId terminalId) {
    String secret = newSecret();
    if (!terminals.rotate(terminalId, secret.getBytes(StandardCharsets.UTF_8))) {
      return Optional.empty();
    }
    authenticator.forget(terminalId);
    LOG.log(System.Logger.Level.INFO, "rotated the secret of terminal " + terminalId);
    return Optional.of(secret);
  }

  /** Deactivates or reactivates a known terminal; false when unknown. */
  public boolean setActive(TerminalId terminalId, boolean active) {
    if (!terminals.setActive(terminalId, active)) {
      return false;
    }
    authenticator.forget(terminalId);
    LOG.log(
        System.Logger.Level.INFO,
        (active ? "reactivated terminal " : "deactivated terminal ") + terminalId);
    return true;
  }

  private String newSecret() {
    byte[] raw = new byte[SECRET_BYTES];
    random.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}
