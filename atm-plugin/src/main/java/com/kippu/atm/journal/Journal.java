package com.kippu.atm.journal;

import java.util.List;
import java.util.Map;

/**
 * The terminal's electronic journal: every flow transition is recorded here before its side effect
 * happens, so start-up recovery knows what was under way. Entries never hold a PIN or a full card
 * or account number; callers pass masked values only.
 */
public interface Journal extends AutoCloseable {

  /** Records that session {@code sessionId} enters {@code state}; returns the entry's sequence. */
  long record(SessionId sessionId, String flow, String state, Map<String, String> facts);

  /** All entries of one session in the order they were written. */
  List<JournalEntry> entries(SessionId sessionId);

  /** Sessions whose last entry is not a final state, oldest first; recovery walks these. */
  List<SessionId> openSessions();

  /** The last entry of every session whose last entry is in {@code state}, oldest first. */
  List<JournalEntry> sessionsEndingIn(String state);

  @Override
  void close();
}
