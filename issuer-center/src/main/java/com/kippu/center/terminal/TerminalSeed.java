package com.kippu.center.terminal;

import com.kippu.center.reservation.TerminalId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;

/**
 * Registers the configured seed terminal with its configured secret. A secret changed in the
 * configuration replaces the stored one (and says so), so the old secret stops working at once
 * instead of silently staying in force.
 */
public final class TerminalSeed {
  private static final System.Logger LOG = System.getLogger(TerminalSeed.class.getName());

  /** What seeding did. */
  public enum Outcome {
    ADDED,
    UNCHANGED,
    ROTATED
  }

  private final TerminalRepository terminals;
  private final Clock clock;

  public TerminalSeed(TerminalRepository terminals, Clock clock) {
    this.terminals = terminals;
    this.clock = clock;
  }

  /** Registers {@code terminalId} unless known; returns true when it did. */
  public boolean seedIfAbsent(TerminalId terminalId, String secret) {
    return terminals.addIfAbsent(
        terminalId, secret.getBytes(StandardCharsets.UTF_8), clock.instant());
  }

  /** Seeds {@code terminalId} with {@code secret} (UTF-8 bytes). */
  public Outcome seed(TerminalId terminalId, String secret) {
    byte[] wanted = secret.getBytes(StandardCharsets.UTF_8);
    if (terminals.addIfAbsent(terminalId, wanted, clock.instant())) {
      return Outcome.ADDED;
    }
    Optional<byte[]> stored = terminals.secret(terminalId);
    if (stored.isPresent() && MessageDigest.isEqual(stored.get(), wanted)) {
      return Outcome.UNCHANGED;
    }
    terminals.rotate(terminalId, wanted);
    LOG.log(
        System.Logger.Level.WARNING,
        "the configured seed secret of terminal "
            + terminalId
            + " differs from the stored one: the stored secret is replaced");
    return Outcome.ROTATED;
  }
}
