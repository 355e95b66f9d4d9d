package com.kippu.simulator.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.CardExpiry;
import com.kippu.atm.payment.CardNumber;
import com.kippu.iso8583.ResponseCode;
import com.kippu.iso8583.security.PinCheck;
import com.kippu.iso8583.security.SoftwareHsm;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.YearMonth;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger's group commit on a real file with real threads. */
class LedgerBatchTest {
  private static final AccountNumber ALICE = new AccountNumber("0001-001-0000001");
  private static final AccountNumber BOB = new AccountNumber("0001-001-0000002");
  private static final AccountNumber CARD_ACCOUNT = new AccountNumber("0001-001-0000003");
  private static final AccountNumber ISSUER = new AccountNumber("0009-100-7654321");
  private static final CardNumber CARD = new CardNumber("4980000000001234");
  private static final CardExpiry EXPIRY = CardExpiry.of(2030, 12);
  private static final YearMonth NOW = YearMonth.of(2026, 4);

  @TempDir Path dir;

  private final ExecutorService callers = Executors.newFixedThreadPool(6);

  @AfterEach
  void stopCallers() {
    callers.shutdownNow();
  }

  @Test
  void failingOperationInABatchIsUndoneAloneWhileTheOthersCommit() throws Exception {
    SoftwareHsm hsm = SoftwareHsm.withLmk(new byte[16], new SecureRandom());
    try (Ledger ledger = Ledger.open(dir.resolve("bank.db"), hsm)) {
      ledger.openAccount(ALICE, "ALICE", 10_000);
      ledger.issueCashCard(CardNumber.ofCashAccount(ALICE), ALICE, "5678".toCharArray());
      ledger.openAccount(BOB, "BOB", 10_000);
      ledger.issueCashCard(CardNumber.ofCashAccount(BOB), BOB, "5678".toCharArray());
      ledger.openAccount(CARD_ACCOUNT, "CAROL", 10_000);
      ledger.openAccount(ISSUER, "ISSUER", 0);
      ledger.issueDebitCard(CARD, EXPIRY, CARD_ACCOUNT, "1234".toCharArray());
      long total = ledger.totalBalance();

      CountDownLatch writerBusy = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Future<Posting> held =
          callers.submit(
              () ->
                  ledger.debit(
                      transfer("000001", null, 300),
                      CARD,
                      EXPIRY.yymm(),
                      NOW,
                      (salt, pvv) -> {
                        writerBusy.countDown();
                        await(release);
                        return PinCheck.MATCH;
                      }));
      writerBusy.await();
      long[] before = ledger.commitStatistics();
      IllegalStateException boom = new IllegalStateException("PIN check failed inside the batch");
      Future<Posting> alice = callers.submit(() -> pay(ledger, transfer("000002", ALICE, 100)));
      Future<Posting> failing =
          callers.submit(
              () ->
                  ledger.debit(
                      transfer("000003", null, 200),
                      CARD,
                      EXPIRY.yymm(),
                      NOW,
                      (salt, pvv) -> {
                        throw boom;
                      }));
      Future<Posting> bob = callers.submit(() -> pay(ledger, transfer("000004", BOB, 400)));
      while (ledger.queuedOperations() < 3) {
        Thread.onSpinWait();
      }
      release.countDown();

      assertEquals(ResponseCode.APPROVED, held.get().code());
      assertEquals(ResponseCode.APPROVED, alice.get().code());
      assertEquals(ResponseCode.APPROVED, bob.get().code());
      ExecutionException e = assertThrows(ExecutionException.class, failing::get);
      assertSame(boom, e.getCause());
      long[] after = ledger.commitStatistics();
      assertEquals(2, after[0] - before[0], "the held debit, then one commit for the three");
      assertEquals(1, after[2] - before[2], "that batch ran again with savepoints");
      assertEquals(9_900, ledger.balance(ALICE));
      assertEquals(9_600, ledger.balance(BOB));
      assertEquals(9_700, ledger.balance(CARD_ACCOUNT));
      assertEquals(800, ledger.balance(ISSUER));
      assertEquals(3, ledger.appliedTransferCount());
      assertEquals(total, ledger.totalBalance());
      assertEquals(
          ResponseCode.APPROVED,
          pay(ledger, transfer("000003", ALICE, 200)).code(),
          "the failed key left nothing behind");
    }
  }

  @Test
  void repeatedTransmissionKeyInOneBatchIsAppliedOnce() throws Exception {
    SoftwareHsm hsm = SoftwareHsm.withLmk(new byte[16], new SecureRandom());
    try (Ledger ledger = Ledger.open(dir.resolve("bank.db"), hsm)) {
      ledger.openAccount(ALICE, "ALICE", 10_000);
      ledger.issueCashCard(CardNumber.ofCashAccount(ALICE), ALICE, "5678".toCharArray());
      ledger.openAccount(ISSUER, "ISSUER", 0);
      ledger.openAccount(CARD_ACCOUNT, "CAROL", 10_000);
      ledger.issueDebitCard(CARD, EXPIRY, CARD_ACCOUNT, "1234".toCharArray());
      CountDownLatch writerBusy = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Future<Posting> held =
          callers.submit(
              () ->
                  ledger.debit(
                      transfer("000001", null, 1),
                      CARD,
                      EXPIRY.yymm(),
                      NOW,
                      (salt, pvv) -> {
                        writerBusy.countDown();
                        await(release);
                        return PinCheck.MATCH;
                      }));
      writerBusy.await();
      Future<Posting> first = callers.submit(() -> pay(ledger, transfer("000002", ALICE, 100)));
      Future<Posting> second = callers.submit(() -> pay(ledger, transfer("000002", ALICE, 100)));
      while (ledger.queuedOperations() < 2) {
        Thread.onSpinWait();
      }
      release.countDown();
      held.get();
      int approved = 0;
      int duplicates = 0;
      for (Future<Posting> f : java.util.List.of(first, second)) {
        ResponseCode code = f.get().code();
        approved += code == ResponseCode.APPROVED ? 1 : 0;
        duplicates += code == ResponseCode.DUPLICATE_TRANSMISSION ? 1 : 0;
      }
      assertEquals(1, approved);
      assertEquals(1, duplicates);
      assertEquals(9_900, ledger.balance(ALICE));
    }
  }

  private static Transfer transfer(String stan, AccountNumber from, long yen) {
    TransmissionKey key = new TransmissionKey("ATM00001", stan, "0401013000");
    return from == null
        ? new Transfer(key, Transfer.Kind.DEBIT, null, ISSUER, yen)
        : new Transfer(key, from, ISSUER, yen);
  }

  /** A transfer whose cash card PIN verifies. */
  private static Posting pay(Ledger ledger, Transfer t) {
    return ledger.transfer(t, CardNumber.ofCashAccount(t.from()), (salt, pvv) -> PinCheck.MATCH);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
