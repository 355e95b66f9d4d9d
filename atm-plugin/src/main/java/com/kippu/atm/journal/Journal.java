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

  /**
   * The last entry of every ended session (final state) of card {@code card} that holds a paid
   * ticket not yet on the card: facts {@code card}, {@code ticket} and a payment {@code reference}
   * ({@code rrn} in journals of earlier releases) present, {@code ticketOnCard} not true, no {@code
   * refusal} and not settled by staff ({@code staffSettled}); a ticket printed ({@code
   * ticketPrinted}) was delivered on paper, and one whose printing is unconfirmed ({@code
   * ticketPrinting}) is replaced before anything else. Oldest first.
   */
  List<JournalEntry> ticketsAwaitingCard(String card);

  /** Whether the facts of a session's final entry name a paid ticket that awaits its card. */
  static boolean awaitsCard(Map<String, String> facts) {
    return facts.containsKey("card")
        && facts.containsKey("ticket")
        && (facts.containsKey("reference") || facts.containsKey("rrn"))
        && !Boolean.parseBoolean(facts.get("ticketOnCard"))
        && !Boolean.parseBoolean(facts.get("ticketPrinted"))
        && !facts.containsKey("ticketPrinting")
        && !facts.containsKey("refusal")
        && !facts.containsKey("staffSettled");
  }

  @Override
  void close();
}
