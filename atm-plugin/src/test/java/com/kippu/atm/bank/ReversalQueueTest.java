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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReversalQueueTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-04-01T01:30:00Z"), ZoneId.of("Asia/Tokyo"));
  private static final TransferRequest TRANSFER =
      new TransferRequest(
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
      assertTrue(queue.confirm(id));
      assertEquals(0, queue.pendingCount());
      assertTrue(queue.beginAttempt(id, () -> next(new InMemoryStanSource()), now()).isEmpty());
    }
    assertFalse(contains(file, "1234567"), "deleted with secure_delete once confirmed");
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
