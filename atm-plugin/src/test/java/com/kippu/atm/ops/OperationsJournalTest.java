package com.kippu.atm.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.journal.SqliteJournal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The electronic journal read back per day and per session, printable and as CSV, masked; the
 * operations log append-only; the staff queue naming one action per case and doing it once.
 */
class OperationsJournalTest {
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T01:00:00Z"), TOKYO);
  private static final SessionId SOLD = new SessionId("ATM00001-20261206010000-00000001");
  private static final SessionId REFUSED = new SessionId("ATM00001-20261206010000-00000002");
  private static final SessionId KEPT = new SessionId("ATM00001-20261206010000-00000003");
  private static final SessionId FAILED_EARLY = new SessionId("ATM00001-20261206010000-00000004");

  @TempDir Path dir;
  private SqliteJournal journal;
  private OperationsLog operations;

  @BeforeEach
  void write() {
    journal = SqliteJournal.open(dir.resolve("journal.db"), CLOCK, TicketingPlugin.FINAL_STATES);
    operations = OperationsLog.open(dir.resolve("operations.db"), CLOCK);
    Map<String, String> paid =
        Map.of(
            "account", "0001-001-***4567",
            "method", "transfer",
            "amountYen", "12000",
            "moneyMayHaveMoved", "true",
            "reference", "634019000003");
    journal.record(SOLD, "F5", "pay.begin", Map.of("account", "0001-001-***4567"));
    journal.record(SOLD, "F5", "pay.done", paid);
    journal.record(SOLD, "F5", "COMPLETED", with(paid, "ticket", "T1", "ticketOnCard", "true"));
    journal.record(REFUSED, "F5", "pay.done", paid);
    journal.record(
        REFUSED, "F5", "FAILED", with(paid, "refusedTicket", "T2", "takingBack", "true"));
    journal.record(KEPT, "F5", "pay.done", paid);
    journal.record(
        KEPT, "F5", "RECOVERED", with(paid, "recovery", "NEEDS_STAFF", "staff", "link kept none"));
    journal.record(FAILED_EARLY, "F5", "FAILED", Map.of("card", "KC-10001"));
  }

  @AfterEach
  void close() {
    journal.close();
    operations.close();
  }

  @Test
  void dayPrintsEverySessionWithItsMoneyAndTheOperations() {
    operations.record(OperationsLog.Kind.DEVICE, "ReceiptPrinter", "paper out");
    try (JournalView view = JournalView.open(dir.resolve("journal.db"), TOKYO)) {
      JournalPrinter printer = new JournalPrinter(TOKYO);
      LocalDate day = LocalDate.of(2026, 12, 6);
      List<String> lines =
          printer.day(
              "ATM00001",
              day,
              view.sessionsOn(day).stream().map(s -> view.entries(s.id())).toList(),
              operations.between(Instant.EPOCH, Instant.MAX));
      String text = String.join("\n", lines);
      assertTrue(text.contains("SESSION " + SOLD), text);
      assertTrue(text.contains("JPY 12000 by transfer ref 634019000003 paid, ticket T1"), text);
      assertTrue(text.contains("DEVICE   ReceiptPrinter: paper out"), text);
      assertTrue(text.contains("sessions 4  payments standing 2  JPY 24,000"), text);
      assertTrue(view.sessionsOn(day.plusDays(1)).isEmpty());
    }
  }

  @Test
  void entryLinesShowOnlyWhatChangedAndCsvQuotesCells() {
    try (JournalView view = JournalView.open(dir.resolve("journal.db"), TOKYO)) {
      JournalPrinter printer = new JournalPrinter(TOKYO);
      List<String> lines = printer.session(view.entries(SOLD));
      assertTrue(lines.get(3).contains("pay.begin") && lines.get(3).contains("account="));
      assertFalse(lines.get(4).contains("account="), lines.get(4));
      assertTrue(lines.get(4).contains("reference=634019000003"), lines.get(4));
      List<String> csv = printer.csv(List.of(view.entries(SOLD)), List.of());
      assertEquals("record,session,seq,at,flow,state,detail", csv.get(0));
      assertEquals(4, csv.size());
    }
  }

  @Test
  void fullNumbersThatSlippedInArePrintedMasked() {
    assertEquals("card ************1111", Masking.text("card 4111111111111111"));
    assertEquals("from 0001-001-***4567", Masking.text("from 0001-001-1234567"));
    assertEquals("rrn 634019000003", Masking.text("rrn 634019000003"));
    assertEquals(
        "session ATM00001-20261206201402-798c119f",
        Masking.text("session ATM00001-20261206201402-798c119f"));
    operations.record(OperationsLog.Kind.OPERATOR, "test", "card 4111111111111111");
    assertEquals(
        "card ************1111",
        operations.between(Instant.EPOCH, Instant.MAX).get(0).text(),
        "masked before it is written");
  }

  @Test
  void operationsLogRefusesToChangeOrDeleteARecord() throws SQLException {
    operations.record(OperationsLog.Kind.OPERATOR, "self-test", "run");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("operations.db"));
        Statement s = c.createStatement()) {
      assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM operation"));
      assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE operation SET text = 'x'"));
    }
    assertEquals(1, operations.between(Instant.EPOCH, Instant.MAX).size());
  }

  @Test
  void queueNamesOneActionPerCase() {
    try (JournalView view = JournalView.open(dir.resolve("journal.db"), TOKYO)) {
      StaffQueue queue = new StaffQueue(view, journal, operations);
      List<StaffCase> cases = queue.cases();
      assertEquals(3, cases.size(), cases.toString());
      assertEquals(StaffCase.Action.VOID_TICKET, cases.get(0).action());
      assertEquals("T2", cases.get(0).subject());
      assertEquals(StaffCase.Action.REFUND, cases.get(1).action());
      assertEquals("634019000003", cases.get(1).subject());
      assertEquals(12_000, cases.get(1).amountYen());
      assertEquals(StaffCase.Action.ACKNOWLEDGE, cases.get(2).action());
    }
  }

  @Test
  void anActionIsJournaledAndDoneOnce() {
    AtomicInteger done = new AtomicInteger();
    try (JournalView view = JournalView.open(dir.resolve("journal.db"), TOKYO)) {
      StaffQueue queue = new StaffQueue(view, journal, operations);
      StaffQueue.Desk desk = c -> "refunded JPY " + c.amountYen() + " #" + done.incrementAndGet();
      assertEquals("refunded JPY 12000 #1", queue.settle(KEPT, "sato", "at the counter", desk));
      IllegalStateException again =
          assertThrows(IllegalStateException.class, () -> queue.settle(KEPT, "sato", "", desk));
      assertTrue(again.getMessage().contains("settled already by sato"), again.getMessage());
      assertEquals(1, done.get());
      assertEquals(2, queue.cases().size());
      assertEquals(StaffQueue.SETTLED, view.session(KEPT).orElseThrow().lastState());
      assertTrue(journal.openSessions().isEmpty(), "a settled case is final");
      assertEquals(
          OperationsLog.Kind.STAFF, operations.between(Instant.EPOCH, Instant.MAX).get(0).kind());
    }
  }

  @Test
  void aFailedActionLeavesTheCaseStartedAndRefusesASecondTry() {
    try (JournalView view = JournalView.open(dir.resolve("journal.db"), TOKYO)) {
      StaffQueue queue = new StaffQueue(view, journal, operations);
      assertThrows(
          IllegalStateException.class,
          () ->
              queue.settle(
                  REFUSED,
                  "sato",
                  "",
                  c -> {
                    throw new IllegalStateException("issuer unreachable");
                  }));
      IllegalStateException again =
          assertThrows(
              IllegalStateException.class, () -> queue.settle(REFUSED, "sato", "", c -> "ok"));
      assertTrue(again.getMessage().contains("check by hand"), again.getMessage());
      assertThrows(IllegalArgumentException.class, () -> queue.settle(SOLD, "sato", "", c -> "ok"));
    }
  }

  @Test
  void anActionTheDeskMayRepeatIsTakenAgainAfterItFailedAndThenDoneOnce() {
    try (JournalView view = JournalView.open(dir.resolve("journal.db"), TOKYO)) {
      StaffQueue queue = new StaffQueue(view, journal, operations);
      AtomicInteger calls = new AtomicInteger();
      StaffQueue.Desk center =
          new StaffQueue.Desk() {
            @Override
            public String perform(StaffCase c) {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the center could not be reached");
              }
              return "voided " + c.subject();
            }

            @Override
            public boolean repeatable(StaffCase c) {
              return c.action() == StaffCase.Action.VOID_TICKET;
            }
          };
      assertThrows(IllegalStateException.class, () -> queue.settle(REFUSED, "sato", "", center));
      IllegalStateException byHand =
          assertThrows(
              IllegalStateException.class, () -> queue.settle(REFUSED, "sato", "", c -> "ok"));
      assertTrue(byHand.getMessage().contains("started by sato"), byHand.getMessage());
      String done = queue.settle(REFUSED, "suzuki", "", center);
      assertTrue(done.startsWith("voided "), done);
      assertEquals(StaffQueue.SETTLED, view.session(REFUSED).orElseThrow().lastState());
      IllegalStateException again =
          assertThrows(
              IllegalStateException.class, () -> queue.settle(REFUSED, "sato", "", center));
      assertTrue(again.getMessage().contains("settled already by suzuki"), again.getMessage());
      assertEquals(2, calls.get());
    }
  }

  private static Map<String, String> with(Map<String, String> base, String... kv) {
    java.util.TreeMap<String, String> m = new java.util.TreeMap<>(base);
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
