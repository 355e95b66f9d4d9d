package com.kippu.atm.ticket;

import java.util.List;
import java.util.Objects;

/**
 * What a printed ticket shows (F2, S1 ¶62): its text lines, and the QR code that carries the signed
 * ticket ({@link com.kippu.atm.center.TicketCode}) for the gate to verify offline.
 */
public record TicketFace(List<String> lines, String code) {
  public TicketFace {
    lines = List.copyOf(lines);
    Objects.requireNonNull(code, "code");
  }
}
