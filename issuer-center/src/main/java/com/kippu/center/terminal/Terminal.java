package com.kippu.center.terminal;

import com.kippu.center.reservation.TerminalId;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered terminal: its kind (an ATM, a home PC or a gate) and, for a gate, the venue whose
 * events it admits.
 */
public record Terminal(TerminalId terminalId, TerminalKind kind, Optional<String> venue) {
  public static final int MAX_VENUE_LENGTH = 120;

  public Terminal {
    Objects.requireNonNull(terminalId, "terminalId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(venue, "venue");
    if (kind == TerminalKind.GATE && venue.isEmpty()) {
      throw new IllegalArgumentException("a gate needs the venue it admits to");
    }
    if (kind != TerminalKind.GATE && venue.isPresent()) {
      throw new IllegalArgumentException("only a gate has a venue");
    }
    if (venue.isPresent() && (venue.get().isBlank() || venue.get().length() > MAX_VENUE_LENGTH)) {
      throw new IllegalArgumentException("venue must be 1 to " + MAX_VENUE_LENGTH + " characters");
    }
  }

  /** An ATM, as every terminal known before gates were registered. */
  public static Terminal atm(TerminalId id) {
    return new Terminal(id, TerminalKind.ATM, Optional.empty());
  }

  /** A home PC (F13): sells as an ATM does, against payments the center can check itself. */
  public static Terminal homePc(TerminalId id) {
    return new Terminal(id, TerminalKind.HOME_PC, Optional.empty());
  }

  /** A gate of {@code venue}. */
  public static Terminal gate(TerminalId id, String venue) {
    return new Terminal(id, TerminalKind.GATE, Optional.of(venue));
  }
}
