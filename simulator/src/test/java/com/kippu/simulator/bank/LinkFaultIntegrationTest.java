package com.kippu.simulator.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.bank.BankLinkConfig;
import com.kippu.atm.bank.JposBankHost;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Line faults on real TCP between the plugin's link and the bank host: the line dropping before a
 * request and after it, answers duplicated and answers arriving late. After each the sum of all
 * balances is unchanged and every debit either stands with its approval or was reversed.
 */
class LinkFaultIntegrationTest {
  private static final AccountNumber CUSTOMER = new AccountNumber("0001-001-1234567");
  private static final AccountNumber ISSUER = new AccountNumber("0009-100-7654321");
  private static final Duration TIMEOUT = Duration.ofMillis(1_500);
  private static final Duration AWAIT = Duration.ofSeconds(10);

  private final SoftwarePinPad pad = new SoftwarePinPad("ATM00001");

  @TempDir Path dir;
  private BankHostServer server;
  private CuttingProxy line;
  private JposBankHost host;
  private long total;

  @BeforeEach
  void start() throws Exception {
    server = BankHostServer.start(dir.resolve("bank.db"), 0);
    server.ledger().openAccount(CUSTOMER, "YAMADA TARO", 20_000);
    server.ledger().openAccount(ISSUER, "KIPPU TICKETS", 0);
    CashCards.issue(server, CUSTOMER);
    total = server.ledger().totalBalance();
    line = new CuttingProxy(server.port());
    host =
        JposBankHost.connect(
            new BankLinkConfig(
                    "127.0.0.1",
                    line.port(),
                    TIMEOUT,
                    TIMEOUT,
                    "ATM00001",
                    "KIPPU-BRANCH-01",
                    "0001",
                    Duration.ofMillis(50))
                .withReversalRetryInterval(Duration.ofMillis(200)),
            CashCards.setup("ATM00001", pad),
            dir.resolve("terminal.db"),
            Clock.fixed(Instant.parse("2025-04-01T01:30:00Z"), ZoneId.of("Asia/Tokyo")));
  }

  @AfterEach
  void stop() throws Exception {
    host.close();
    line.close();
    server.close();
  }

  @Test
  void lineDroppedBeforeTheRequestMovesNothingUntilItIsBack() throws Exception {
    line.cutAll();
    awaitLinkBack();
    TransferResult r = host.transfer(transfer());
    assertTrue(r.approved());
    assertEquals(11_200, server.ledger().balance(CUSTOMER));
    assertEquals(total, server.ledger().totalBalance());
    assertEquals(1, server.ledger().appliedTransferCount());
  }

  @Test
  void lineDroppedAfterTheRequestEndsReversedOnceTheLineIsBack() throws Exception {
    line.cutOnNextAnswer();
    assertThrows(BankUnavailableException.class, () -> host.transfer(transfer()));
    awaitLinkBack();
    assertTrue(host.awaitNoPendingReversals(AWAIT), "reversal delivered after reconnect");
    assertEquals(20_000, server.ledger().balance(CUSTOMER));
    assertEquals(total, server.ledger().totalBalance());
    assertEquals(0, server.ledger().appliedTransferCount());
  }

  @Test
  void duplicatedAnswerIsIgnoredAndTheDebitStandsOnce() throws Exception {
    server.duplicateResponses(1);
    TransferResult r = host.transfer(transfer());
    assertTrue(r.approved());
    assertTrue(host.echo(), "the link still works");
    assertEquals(1, host.unmatchedResponses(), "the copy matched nothing");
    assertEquals(11_200, server.ledger().balance(CUSTOMER));
    assertEquals(total, server.ledger().totalBalance());
    assertEquals(0, host.pendingReversals());
  }

  @Test
  void lateAnswerAfterTheTimeoutIsIgnoredAndTheDebitIsReversed() throws Exception {
    server.holdResponses(1);
    assertThrows(BankUnavailableException.class, () -> host.transfer(transfer()));
    assertEquals(1, server.releaseHeldResponses());
    assertTrue(host.awaitNoPendingReversals(AWAIT));
    assertEquals(20_000, server.ledger().balance(CUSTOMER));
    assertEquals(total, server.ledger().totalBalance());
    assertEquals(1, server.ledger().reversedTransferCount());
  }

  /** Bounded wait until an echo goes through again (the adaptor reconnects on its own). */
  private void awaitLinkBack() throws InterruptedException {
    long deadline = System.nanoTime() + AWAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (host.echo()) {
          return;
        }
      } catch (BankUnavailableException e) {
        // still down: the next echo waits on the link, not on a sleep
        Thread.onSpinWait();
      }
    }
    throw new AssertionError("link not back within " + AWAIT);
  }

  private TransferRequest transfer() {
    return CashCards.transfer(pad, "tx-fault", CUSTOMER, ISSUER, 8_800);
  }
}
