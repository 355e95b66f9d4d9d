package com.kippu.center.verify;

import com.kippu.center.reservation.TerminalId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One admission attempt at a gate: the gate and the entry id it chose. Retrying the same entry
 * (same gate, same id) after a lost answer is answered VALID again; any other entry is refused.
 */
public record GateEntry(TerminalId gateId, String entryId) {
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_.:-]{1,40}");

  public GateEntry {
    Objects.requireNonNull(gateId, "gateId");
    if (entryId == null || !FORMAT.matcher(entryId).matches()) {
      throw new IllegalArgumentException("entry id must be 1-40 letters, digits or _.:-");
    }
  }
}
