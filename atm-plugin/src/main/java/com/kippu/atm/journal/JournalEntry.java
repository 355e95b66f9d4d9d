package com.kippu.atm.journal;

import java.time.Instant;
import java.util.Map;

/** One journal line: which session entered which state of which flow, and the facts it knew. */
public record JournalEntry(
    SessionId sessionId,
    long sequence,
    String flow,
    String state,
    Map<String, String> facts,
    Instant at) {
  public JournalEntry {
    facts = Map.copyOf(facts);
  }
}
