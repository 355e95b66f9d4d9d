package com.kippu.center.terminal;

import com.kippu.center.reservation.TerminalId;
import java.time.Instant;
import java.util.Optional;

/** Port to the terminals allowed to call the center and the secret each one signs with. */
public interface TerminalRepository {
  /** An active terminal as it signs: who it is and its secret. */
  record Credential(Terminal terminal, byte[] secret) {}

  /** The signing secret of an active terminal; empty when unknown or deactivated. */
  default Optional<byte[]> activeSecret(TerminalId terminalId) {
    return active(terminalId).map(Credential::secret);
  }

  /** An active terminal and its secret; empty when unknown or deactivated. */
  Optional<Credential> active(TerminalId terminalId);

  /** The stored secret of a terminal, active or not; empty when unknown. */
  Optional<byte[]> secret(TerminalId terminalId);

  /** Registers the terminal unless it is already known; returns true when it was added. */
  boolean addIfAbsent(TerminalId terminalId, byte[] secret, Instant addedAt);

  /**
   * Registers {@code terminal} with {@code secret}, active; an existing terminal of that id is
   * replaced (kind, venue, secret) and reactivated. Returns true when it was new.
   */
  boolean register(Terminal terminal, byte[] secret, Instant at);

  /** Replaces a known terminal's secret; false when the terminal is unknown. */
  boolean rotate(TerminalId terminalId, byte[] secret);

  /** Activates or deactivates a known terminal; false when the terminal is unknown. */
  boolean setActive(TerminalId terminalId, boolean active);
}
