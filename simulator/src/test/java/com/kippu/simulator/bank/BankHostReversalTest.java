package com.kippu.simulator.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.bank.BankLinkConfig;
import com.kippu.atm.bank.JposBankHost;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.iso8583.Mti;
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
 * The terminal's store-and-forward reversals against the simulated bank host over real TCP, with
 * answers lost on purpose. Whatever is lost, the host's books end where they started.
 */
class BankHostReversalTest {
  private static final AccountNumber CUSTOMER = new AccountNumber("0001-001-1234567");
  private static final AccountNumber ISSUER = new AccountNumber("0009-100-7654321");
  private static final long CUSTOMER_BALANCE = 20_000;
  private static final long TOTAL = CUSTOMER_BALANCE;
  private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(800);
  private static final Duration AWAIT = Duration.ofSeconds(5);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-04-01T01:30:00Z"), ZoneId.of("Asia/Tokyo"));

  @TempDir Path dir;

  private final SoftwarePinPad pad = new SoftwarePinPad("ATM00001");
  private BankHostServer server;
  private JposBankHost host;

  @BeforeEach
  void start() throws Exception {
    server = BankHostServer.start(bankFile(), 0);
    server.ledger().openAccount(CUSTOMER, "YAMADA TARO", CUSTOMER_BALANCE);
    server.ledger().openAccount(ISSUER, "KIPPU TICKETS", 0);
    CashCards.issue(server, CUSTOMER);
    host = connect();
  }

  @AfterEach
  void stop() {
    try {
      assertEquals(TOTAL, server.ledger().totalBalance(), "money was created or destroyed");
    } finally {
      if (host != null) {
        host.close();
      }
      server.close();
    }
  }

  @Test
  void unansweredTransferIsReversedThroughTheQueue() throws Exception {
    server.dropResponses(2); // the 0210 and the first 0430

    assertThrows(BankUnavailableException.class, () -> host.transfer(ticket()));

    // The repeat comes from the background sender or from transfer() itself, whichever is first.
    assertTrue(host.awaitNoPendingReversals(AWAIT), "reversal delivered in the background");
    assertEquals(1, server.requestsReceived(Mti.FINANCIAL_REQUEST));
    assertEquals(1, server.requestsReceived(Mti.REVERSAL_ADVICE));
    assertEquals(1, server.requestsReceived(Mti.REVERSAL_ADVICE_REPEAT));
    assertBalancesUnchanged();
    assertEquals(1, server.ledger().reversedTransferCount());
  }

  @Test
  void lostConfirmationsAreRepeatedAs0421UntilConfirmedAndAppliedOnce() throws Exception {
    TransferResult approval = host.transfer(ticket());
    assertTrue(approval.approved(), approval.toString());
    server.dropResponses(2); // the 0430 to the 0420 and to the first 0421

    assertThrows(BankUnavailableException.class, () -> host.reverse(ticket(), approval));

    assertTrue(host.awaitNoPendingReversals(AWAIT), "reversal confirmed in the end");
    assertEquals(1, server.requestsReceived(Mti.REVERSAL_ADVICE));
    assertEquals(2, server.requestsReceived(Mti.REVERSAL_ADVICE_REPEAT));
    assertBalancesUnchanged();
    assertEquals(1, server.ledger().reversedTransferCount());
  }

  @Test
  void reversalPendingAtShutdownIsDeliveredAfterRestart() throws Exception {
    TransferResult approval = host.transfer(ticket());
    assertTrue(approval.approved(), approval.toString());
    server.close(); // the host goes down before the reversal

    assertThrows(BankUnavailableException.class, () -> host.reverse(ticket(), approval));
    assertEquals(1, host.pendingReversals());
    host.close();
    host = null;

    server = BankHostServer.start(bankFile(), 0);
    host = connect();

    assertTrue(host.awaitNoPendingReversals(AWAIT), "reversal delivered after restart");
    assertEquals(
        1,
        server.requestsReceived(Mti.REVERSAL_ADVICE)
            + server.requestsReceived(Mti.REVERSAL_ADVICE_REPEAT));
    assertBalancesUnchanged();
    assertEquals(1, server.ledger().reversedTransferCount());
  }

  @Test
  void stanIsNotReusedAfterRestart() throws Exception {
    TransferResult before = host.transfer(CashCards.transfer(pad, "tx-1", CUSTOMER, ISSUER, 1_000));
    host.close();
    host = connect();
    TransferRequest second = CashCards.transfer(pad, "tx-2", CUSTOMER, ISSUER, 2_000);

    // The clock stands still, so a reused STAN would repeat the key (41, 11, 7): answered 94.
    TransferResult after = host.transfer(second);

    assertTrue(before.approved(), before.toString());
    assertTrue(after.approved(), after.toString());
    assertNotEquals(before.stan(), after.stan());
    assertEquals(CUSTOMER_BALANCE - 3_000, server.ledger().balance(CUSTOMER));
    assertEquals(3_000, server.ledger().balance(ISSUER));
  }

  @Test
  void lateApprovalAfterItsReversalDoesNotResurrectTheDebit() throws Exception {
    server.holdResponses(1); // the 0210 arrives only after the terminal gave up

    assertThrows(BankUnavailableException.class, () -> host.transfer(ticket()));
    assertEquals(1, server.releaseHeldResponses());
    // The echo's answer travels behind the late 0210 on the same connection.
    assertTrue(host.echo());

    assertEquals(1, host.unmatchedResponses());
    assertEquals(0, host.pendingReversals());
    assertBalancesUnchanged();
    assertEquals(0, server.ledger().appliedTransferCount());
  }

  private JposBankHost connect() throws Exception {
    BankLinkConfig config =
        new BankLinkConfig(
                "127.0.0.1",
                server.port(),
                REQUEST_TIMEOUT,
                Duration.ofSeconds(5),
                "ATM00001",
                "KIPPU-BRANCH-01",
                "0001",
                Duration.ofMillis(50))
            .withReversalRetryInterval(Duration.ofMillis(100));
    return JposBankHost.connect(
        config, CashCards.setup("ATM00001", pad), dir.resolve("link.db"), CLOCK);
  }

  /** The ticket's payment, its PIN typed under the link's current PIN key. */
  private TransferRequest ticket() {
    return CashCards.transfer(pad, "tx-ticket", CUSTOMER, ISSUER, 8_800);
  }

  private Path bankFile() {
    return dir.resolve("bank.db");
  }

  private void assertBalancesUnchanged() {
    assertEquals(CUSTOMER_BALANCE, server.ledger().balance(CUSTOMER));
    assertEquals(0, server.ledger().balance(ISSUER));
    assertEquals(0, server.ledger().appliedTransferCount());
  }
}
