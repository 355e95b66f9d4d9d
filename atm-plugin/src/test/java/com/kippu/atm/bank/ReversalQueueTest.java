package com.kippu.atm.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.iso8583.Mti;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReversalQueueTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-04-01T01:30:00Z"), ZoneId.of("Asia/Tokyo"));
  private static final TransferRequest TRANSFER =
      Transfers.transfer(
          "tx-1",
          new AccountNumber("0001-001-1234567"),
          new AccountNumber("0009-100-7654321"),
          Money.yen(8_800));

  @TempDir Path dir;

  @Test
  void armedReversalOfAProcessThatDiedIsPendingAfterReopening() {
    Path file = dir.resolve("link.db");
    try (ReversalQueue queue = ReversalQueue.open(file)) {
      queue.arm(TRANSFER, original(1), CLOCK.instant());
      assertEquals(0, queue.pendingCount(), "armed is not pending while the 0200 is in flight");
    }
    try (ReversalQueue queue = ReversalQueue.open(file)) {
      assertEquals(1, queue.pendingCount());
    }
  }

  @Test
  void disarmedReversalIsGone() {
    Path file = dir.resolve("link.db");
    try (ReversalQueue queue = ReversalQueue.open(file)) {
      queue.disarm(queue.arm(TRANSFER, original(1), CLOCK.instant()));
    }
    try (ReversalQueue queue = ReversalQueue.open(file)) {
      assertEquals(0, queue.pendingCount());
    }
  }

  @Test
  void firstAttemptIs0420AndRepeatsAre0421WithTheSameTransmission() {
    try (ReversalQueue queue = ReversalQueue.inMemory()) {
      InMemoryStanSource stans = new InMemoryStanSource(7);
      ReversalId id = queue.enqueue(TRANSFER, "000001", "0401013000", "509110000001", now());
      assertEquals(id, queue.enqueue(TRANSFER, "000001", "0401013000", "509110000001", now()));

      PendingReversal first = queue.beginAttempt(id, () -> next(stans), now()).orElseThrow();
      PendingReversal repeat = queue.beginAttempt(id, () -> next(stans), now()).orElseThrow();

      assertEquals(Mti.REVERSAL_ADVICE, first.mti());
      assertEquals(Mti.REVERSAL_ADVICE_REPEAT, repeat.mti());
      assertEquals("000007", first.stan().value());
      assertEquals(first.stan(), repeat.stan());
      assertEquals(first.transmittedAt(), repeat.transmittedAt());
      assertEquals(List.of(id), queue.pendingIds());
      assertFalse(repeat.toString().contains("1234567"), repeat.toString());
    }
  }

  @Test
  void confirmedReversalLeavesNoAccountNumberInTheFile() throws Exception {
    Path file = dir.resolve("link.db");
    try (ReversalQueue queue = ReversalQueue.open(file)) {
      ReversalId id = queue.enqueue(TRANSFER, "000001", "0401013000", "509110000001", now());
      assertTrue(contains(file, "1234567"), "held while pending, for field 102");
      assertTrue(queue.confirm(id, now()));
      assertEquals(0, queue.pendingCount());
      assertTrue(queue.beginAttempt(id, () -> next(new InMemoryStanSource()), now()).isEmpty());
    }
    assertFalse(contains(file, "1234567"), "erased with secure_delete once confirmed");
  }

  @Test
  void confirmedReversalIsRememberedAcrossRestartsAndNeverSentAgain() {
    Path file = dir.resolve("link.db");
    ReversalId id;
    try (ReversalQueue queue = ReversalQueue.open(file)) {
      id = queue.arm(TRANSFER, original(1), CLOCK.instant());
      queue.keepApprovedAsync(id).join();
      assertEquals(Optional.of(id), queue.releaseApproved("tx-1"));
      queue.beginAttempt(id, () -> next(new InMemoryStanSource(9)), now()).orElseThrow();
      assertTrue(queue.confirm(id, Instant.now()));
    }
    try (ReversalQueue queue = ReversalQueue.open(file)) {
      assertEquals(Optional.of(id), queue.releaseApproved("tx-1"), "reversed before the restart");
      assertEquals(0, queue.pendingCount(), "not pending again");
      assertEquals(id, queue.enqueue(TRANSFER, "000001", original(1).dateTime(), "x", now()));
      assertTrue(queue.pendingIds().isEmpty(), "queued again, it stays confirmed");
      assertTrue(queue.beginAttempt(id, () -> next(new InMemoryStanSource()), now()).isEmpty());
      assertFalse(queue.confirm(id, Instant.now()), "confirmed once");
    }
  }

  @Test
  void confirmedReversalIsForgottenAfterItsRetention() {
    Path file = dir.resolve("link.db");
    try (ReversalQueue queue = ReversalQueue.open(file)) {
      ReversalId id = queue.enqueue(TRANSFER, "000001", "0401013000", "509110000001", now());
      Instant confirmedAt = Instant.now().minus(ReversalQueue.CONFIRMED_RETENTION).minusSeconds(60);
      assertTrue(queue.confirm(id, confirmedAt));
      assertTrue(queue.releaseApproved("tx-1").isPresent(), "remembered until the next open");
    }
    try (ReversalQueue queue = ReversalQueue.open(file)) {
      assertTrue(queue.releaseApproved("tx-1").isEmpty(), "purged when opened");
    }
  }

  @Test
  void approvalIsKeptAcrossRestartsUntilSettled() throws Exception {
    Path file = dir.resolve("link.db");
    try (ReversalQueue queue = ReversalQueue.open(file)) {
      queue.keepApprovedAsync(queue.arm(TRANSFER, original(1), CLOCK.instant())).join();
    }
    try (ReversalQueue queue = ReversalQueue.open(file)) {
      assertEquals(0, queue.pendingCount(), "an approval is not reversed by a restart");
      assertTrue(contains(file, "1234567"), "kept for field 102 of a later reversal");
      queue.settleAsync("tx-1").join();
      assertTrue(queue.releaseApproved("tx-1").isEmpty(), "nothing left to reverse");
    }
    assertFalse(contains(file, "1234567"), "deleted once the payment stands");
  }

  @Test
  void keptApprovalBecomesAPendingReversalOnce() {
    try (ReversalQueue queue = ReversalQueue.inMemory()) {
      ReversalId armed = queue.arm(TRANSFER, original(1), CLOCK.instant());
      queue.keepApprovedAsync(armed).join();

      ReversalId released = queue.releaseApproved("tx-1").orElseThrow();

      assertEquals(armed, released);
      assertEquals(List.of(armed), queue.pendingIds());
      assertEquals(Optional.of(armed), queue.releaseApproved("tx-1"), "asked again: same one");
      PendingReversal r =
          queue.beginAttempt(armed, () -> next(new InMemoryStanSource(9)), now()).orElseThrow();
      assertEquals(Mti.REVERSAL_ADVICE, r.mti());
      assertEquals("000009", r.stan().value(), "a transmission of its own");
      assertTrue(queue.releaseApproved("tx-unknown").isEmpty());
    }
  }

  @Test
  void stateFileFromBeforeApprovalsWereKeptIsMigratedWithItsRows() throws Exception {
    Path file = dir.resolve("link.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "CREATE TABLE reversals (id INTEGER PRIMARY KEY AUTOINCREMENT, "
              + "state TEXT NOT NULL CHECK (state IN ('ARMED', 'PENDING')), "
              + "transaction_id TEXT NOT NULL, original_stan TEXT NOT NULL, "
              + "original_transmitted TEXT NOT NULL, rrn TEXT NOT NULL, "
              + "amount_yen INTEGER NOT NULL, from_account TEXT, to_account TEXT, "
              + "display TEXT NOT NULL, queued_at TEXT NOT NULL, "
              + "attempts INTEGER NOT NULL DEFAULT 0, stan TEXT, transmitted_at TEXT, "
              + "last_attempt_at TEXT, original_mti TEXT NOT NULL DEFAULT '0200', "
              + "processing_code TEXT NOT NULL DEFAULT '401000', "
              + "UNIQUE (original_stan, original_transmitted))");
      s.executeUpdate(
          "INSERT INTO reversals(state, transaction_id, original_stan, original_transmitted, rrn, "
              + "amount_yen, from_account, to_account, display, queued_at) VALUES ('PENDING', "
              + "'tx-0', '000001', '0401013000', '509110000001', 8800, '0001-001-1234567', "
              + "'0009-100-7654321', 'x', '2025-04-01T01:30:00Z')");
    }
    try (ReversalQueue queue = ReversalQueue.open(file)) {
      assertEquals(1, queue.pendingCount(), "the pending reversal survived the migration");
      queue.keepApprovedAsync(queue.arm(TRANSFER, original(2), CLOCK.instant())).join();
      ReversalId released = queue.releaseApproved("tx-1").orElseThrow();
      assertTrue(queue.confirm(released, now()), "the confirmed state is allowed too");
    }
  }

  @Test
  void stateFileFromBeforeConfirmedReversalsWereKeptIsMigratedWithItsRows() throws Exception {
    Path file = dir.resolve("link.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "CREATE TABLE reversals (id INTEGER PRIMARY KEY AUTOINCREMENT, "
              + "state TEXT NOT NULL CHECK (state IN ('ARMED', 'PENDING', 'APPROVED')), "
              + "transaction_id TEXT NOT NULL, original_stan TEXT NOT NULL, "
              + "original_transmitted TEXT NOT NULL, rrn TEXT NOT NULL, "
              + "amount_yen INTEGER NOT NULL, from_account TEXT, to_account TEXT, "
              + "display TEXT NOT NULL, queued_at TEXT NOT NULL, "
              + "attempts INTEGER NOT NULL DEFAULT 0, stan TEXT, transmitted_at TEXT, "
              + "last_attempt_at TEXT, original_mti TEXT NOT NULL DEFAULT '0200', "
              + "processing_code TEXT NOT NULL DEFAULT '401000', "
              + "UNIQUE (original_stan, original_transmitted))");
      s.executeUpdate(
          "INSERT INTO reversals(state, transaction_id, original_stan, original_transmitted, rrn, "
              + "amount_yen, from_account, to_account, display, queued_at) VALUES ('APPROVED', "
              + "'tx-1', '000001', '0401013000', '509110000001', 8800, '0001-001-1234567', "
              + "'0009-100-7654321', 'x', '"
              + Instant.now()
              + "')");
    }
    try (ReversalQueue queue = ReversalQueue.open(file)) {
      ReversalId kept = queue.releaseApproved("tx-1").orElseThrow();
      assertTrue(queue.confirm(kept, now()), "the confirmed state is allowed");
      assertEquals(Optional.of(kept), queue.releaseApproved("tx-1"));
    }
  }

  private static Transmission original(int stan) {
    return new Transmission(Stan.of(stan), CLOCK.instant(), CLOCK.getZone());
  }

  private static Transmission next(StanSource stans) {
    return Transmission.next(stans, CLOCK);
  }

  private static Instant now() {
    return CLOCK.instant();
  }

  /** Whether any file of the database (including a journal) holds {@code text}. */
  private static boolean contains(Path db, String text) throws Exception {
    try (Stream<Path> files = Files.list(db.getParent())) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("link.db")).toList()) {
        if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(text)) {
          return true;
        }
      }
    }
    return false;
  }
}
