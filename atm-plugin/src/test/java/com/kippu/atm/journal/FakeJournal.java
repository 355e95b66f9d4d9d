package com.kippu.atm.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** In-memory journal for domain tests. */
public final class FakeJournal implements Journal {
  private final List<JournalEntry> entries = new ArrayList<>();
  private final Set<String> finalStates;
  private List<String> log = new ArrayList<>();

  public FakeJournal(Set<String> finalStates) {
    this.finalStates = finalStates;
  }

  /**
   * Appends {@code "journal <state>"} to {@code log} for every entry, so a test can order entries
   * against the side effects its fakes append to the same list.
   */
  public FakeJournal logTo(List<String> log) {
    this.log = log;
    return this;
  }

  @Override
  public long record(SessionId sessionId, String flow, String state, Map<String, String> facts) {
    log.add("journal " + state);
    long seq = entries(sessionId).size() + 1;
    entries.add(new JournalEntry(sessionId, seq, flow, state, facts, Instant.EPOCH));
    return seq;
  }

  @Override
  public List<JournalEntry> entries(SessionId sessionId) {
    return entries.stream().filter(e -> e.sessionId().equals(sessionId)).toList();
  }

  @Override
  public List<SessionId> openSessions() {
    return entries.stream()
        .map(JournalEntry::sessionId)
        .distinct()
        .filter(id -> !finalStates.contains(entries(id).get(entries(id).size() - 1).state()))
        .toList();
  }

  @Override
  public List<JournalEntry> sessionsEndingIn(String state) {
    return entries.stream()
        .map(JournalEntry::sessionId)
        .distinct()
        .map(id -> entries(id).get(entries(id).size() - 1))
        .filter(e -> e.state().equals(state))
        .toList();
  }

  @Override
  public List<JournalEntry> ticketsAwaitingCard(String card) {
    return entries.stream()
        .map(JournalEntry::sessionId)
        .distinct()
        .map(id -> entries(id).get(entries(id).size() - 1))
        .filter(e -> finalStates.contains(e.state()))
        .filter(e -> Journal.awaitsCard(e.facts()) && card.equals(e.facts().get("card")))
        .toList();
  }

  @Override
  public void close() {}

  public List<String> states(SessionId id) {
    return entries(id).stream().map(JournalEntry::state).toList();
  }
}
