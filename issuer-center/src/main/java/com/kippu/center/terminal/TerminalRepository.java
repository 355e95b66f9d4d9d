package com.kippu.center.terminal;

import com.kippu.center.reservation.TerminalId;
import java.time.Instant;
import java.util.Optional;

/** Port to the terminals allowed to call the center and the secret each one signs with. */
public interface TerminalRepository {

  /** The signing secret of an active terminal; empty when unknown or deactivated. */
  Optional<byte[]> activeSecret(TerminalId terminalId);

  /** Registers the terminal unless it is already known; returns true when it was added. */
  boolean addIfAbsent(TerminalId terminalId, byte[] secret, Instant addedAt);
}
