package com.kippu.atm.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteJournalTest {
  private static final Clock CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
  private static final Set<String> FINAL = Set.of("FAILED", "RECOVERED", "TICKET_ON_CARD");

  @TempDir Path dir;

  private static Map<String, String> paid(String card, String ticket) {
    Map<String, String> facts = new TreeMap<>();
    facts.put("card", card);
    facts.put("ticket", ticket);
    facts.put("rrn", "RRN-" + ticket);
    facts.put("ticketOnCard", "false");
    return facts;
  }

  private static Map<String, String> with(Map<String, String> facts, String key, String value) {
    Map<String, String> f = new TreeMap<>(facts);
    f.put(key, value);
    return f;
  }

  private static List<String> sessions(List<JournalEntry> entries) {
    return entries.stream().map(e -> e.sessionId().value()).toList();
  }

  @Test
  void ticketsAwaitingCardAreThoseOfThatCardEndedWithTheTicketOffTheCard() {
    try (SqliteJournal journal = SqliteJournal.open(dir.resolve("j.db"), CLOCK, FINAL)) {
      SessionId a = new SessionId("A");
      journal.record(a, "F5", "IssueTicket.done", paid("KC-1", "T1"));
      assertTrue(journal.ticketsAwaitingCard("KC-1").isEmpty(), "open, not ended");
      journal.record(a, "F5", "FAILED", paid("KC-1", "T1"));
      journal.record(new SessionId("B"), "F5", "RECOVERED", paid("KC-2", "T2"));
      journal.record(
          new SessionId("C"), "F5", "FAILED", with(paid("KC-1", "T3"), "ticketOnCard", "true"));
      journal.record(
          new SessionId("D"), "F5", "RECOVERED", with(paid("KC-1", "T4"), "refusal", "X"));

      assertEquals(List.of("A"), sessions(journal.ticketsAwaitingCard("KC-1")));
      assertEquals(List.of("B"), sessions(journal.ticketsAwaitingCard("KC-2")));

      journal.record(a, "F5", "TICKET_ON_CARD", with(paid("KC-1", "T1"), "ticketOnCard", "true"));
      assertTrue(journal.ticketsAwaitingCard("KC-1").isEmpty(), "written: no longer pending");
    }
  }

  @Test
  void aJournalWrittenBeforeTheIndexHasItsPendingTicketsFoundWhenOpened() throws Exception {
    Path file = dir.resolve("old.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE journal (session_id TEXT NOT NULL, seq INTEGER NOT NULL,"
              + " flow TEXT NOT NULL, state TEXT NOT NULL, facts TEXT NOT NULL,"
              + " at TEXT NOT NULL, PRIMARY KEY (session_id, seq))");
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO journal VALUES (?, ?, 'F5', ?, ?, ?)")) {
        Object[][] rows = {
          {"A", 1, "IssueTicket.done", "{\"card\":\"KC-1\",\"rrn\":\"R\",\"ticket\":\"T1\"}"},
          {"A", 2, "FAILED", "{\"card\":\"KC-1\",\"rrn\":\"R\",\"ticket\":\"T1\"}"},
          {
            "B",
            1,
            "COMPLETED",
            "{\"card\":\"KC-1\",\"rrn\":\"R\",\"ticket\":\"T2\"," + "\"ticketOnCard\":\"true\"}"
          },
          {"C", 1, "HoldSeats.begin", "{\"card\":\"KC-1\",\"rrn\":\"R\",\"ticket\":\"T3\"}"}
        };
        for (Object[] row : rows) {
          insert.setString(1, (String) row[0]);
          insert.setInt(2, (Integer) row[1]);
          insert.setString(3, (String) row[2]);
          insert.setString(4, (String) row[3]);
          insert.setString(5, Instant.EPOCH.toString());
          insert.executeUpdate();
        }
      }
    }

    try (SqliteJournal journal = SqliteJournal.open(file, CLOCK, FINAL)) {
      assertEquals(List.of("A"), sessions(journal.ticketsAwaitingCard("KC-1")));
      assertEquals("T1", journal.ticketsAwaitingCard("KC-1").get(0).facts().get("ticket"));
    }
    try (SqliteJournal journal = SqliteJournal.open(file, CLOCK, FINAL)) {
      assertEquals(List.of("A"), sessions(journal.ticketsAwaitingCard("KC-1")), "reopened");
    }
  }

  @Test
  void entriesWrittenWithoutTheIndexAreIndexedAtTheNextOpen() throws Exception {
    Path file = dir.resolve("j.db");
    try (SqliteJournal journal = SqliteJournal.open(file, CLOCK, FINAL)) {
      journal.record(new SessionId("A"), "F5", "FAILED", paid("KC-1", "T1"));
      journal.record(new SessionId("B"), "F5", "IssueTicket.done", paid("KC-1", "T2"));
    }
    // As an older build that did not keep pending_ticket would: A written, B failed.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO journal VALUES ('A', 2, 'F5', 'TICKET_ON_CARD',"
              + " '{\"card\":\"KC-1\",\"rrn\":\"R\",\"ticket\":\"T1\","
              + "\"ticketOnCard\":\"true\"}', '1970-01-01T00:00:00Z')");
      s.executeUpdate(
          "INSERT INTO journal VALUES ('B', 2, 'F5', 'FAILED',"
              + " '{\"card\":\"KC-1\",\"rrn\":\"R\",\"ticket\":\"T2\","
              + "\"ticketOnCard\":\"false\"}', '1970-01-01T00:00:00Z')");
    }

    try (SqliteJournal journal = SqliteJournal.open(file, CLOCK, FINAL)) {
      assertEquals(List.of("B"), sessions(journal.ticketsAwaitingCard("KC-1")));
    }
  }

  @Test
  void aChangeOfTheFinalStatesIsReflectedWhenReopened() {
    Path file = dir.resolve("j.db");
    try (SqliteJournal journal = SqliteJournal.open(file, CLOCK, Set.of("RECOVERED"))) {
      journal.record(new SessionId("A"), "F5", "FAILED", paid("KC-1", "T1"));
      assertTrue(journal.ticketsAwaitingCard("KC-1").isEmpty(), "FAILED not final here");
    }
    try (SqliteJournal journal = SqliteJournal.open(file, CLOCK, FINAL)) {
      assertEquals(List.of("A"), sessions(journal.ticketsAwaitingCard("KC-1")));
    }
    try (SqliteJournal journal = SqliteJournal.open(file, CLOCK, Set.of("RECOVERED"))) {
      assertTrue(journal.ticketsAwaitingCard("KC-1").isEmpty(), "no stale row left");
    }
  }

  @Test
  void theFileRefusesToChangeOrRemoveAnEntryWhileTheJournalGoesOn() throws Exception {
    Path file = dir.resolve("j.db");
    SessionId a = new SessionId("A");
    try (SqliteJournal journal = SqliteJournal.open(file, CLOCK, FINAL)) {
      journal.record(a, "F5", "IssueTicket.done", paid("KC-1", "T1"));
      journal.record(a, "F5", "FAILED", paid("KC-1", "T1"));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      SQLException changed =
          assertThrows(
              SQLException.class,
              () -> s.executeUpdate("UPDATE journal SET state = 'COMPLETED' WHERE seq = 2"));
      assertTrue(changed.getMessage().contains("append-only"), changed.getMessage());
      SQLException removed =
          assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM journal"));
      assertTrue(removed.getMessage().contains("append-only"), removed.getMessage());
    }
    try (SqliteJournal journal = SqliteJournal.open(file, CLOCK, FINAL)) {
      assertEquals(
          List.of("IssueTicket.done", "FAILED"),
          journal.entries(a).stream().map(JournalEntry::state).toList(),
          "both entries as recorded");
      // The pending tickets are an index the journal rewrites: it still moves on.
      assertEquals(List.of("A"), sessions(journal.ticketsAwaitingCard("KC-1")));
      journal.record(a, "F5", "TICKET_ON_CARD", with(paid("KC-1", "T1"), "ticketOnCard", "true"));
      assertTrue(journal.ticketsAwaitingCard("KC-1").isEmpty());
      assertEquals(3, journal.entries(a).size());
    }
  }
}
