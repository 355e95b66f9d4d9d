package com.kippu.center.terminal;

import com.kippu.center.reservation.TerminalId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Registers the development terminal (the simulator's ATM) with its configured secret when it is
 * not known yet. An existing terminal keeps its secret: rotating it is an operator's act.
 */
public final class TerminalSeed {
  private final TerminalRepository terminals;
  private final Clock clock;

  public TerminalSeed(TerminalRepository terminals, Clock clock) {
    this.terminals = terminals;
    this.clock = clock;
  }

  /** Seeds {@code terminalId} with {@code secret} (UTF-8 bytes); returns true when it did. */
  public boolean seedIfAbsent(TerminalId terminalId, String secret) {
    return terminals.addIfAbsent(
        terminalId, secret.getBytes(StandardCharsets.UTF_8), clock.instant());
  }
}
