package com.kippu.simulator.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.bank.BankLinkConfig;
import com.kippu.atm.bank.JposBankHost;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.iso8583.ResponseCode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A man in the middle relays the terminal's 0200, drops the host's approval and hands the terminal
 * the host's answer to an altered copy instead. The host does not MAC that refusal, the terminal
 * does not believe an answer without a valid MAC, so the debit is reversed: the customer is never
 * debited while told "declined".
 */
class ManInTheMiddleIntegrationTest {
  private static final AccountNumber CUSTOMER = new AccountNumber("0001-001-1234567");
  private static final AccountNumber ISSUER = new AccountNumber("0009-100-7654321");
  private static final Duration TIMEOUT = Duration.ofMillis(1_500);

  private final SoftwarePinPad pad = new SoftwarePinPad("ATM00001");

  @TempDir Path dir;
  private BankHostServer server;
  private ManInTheMiddle attacker;
  private JposBankHost host;

  @BeforeEach
  void start() throws Exception {
    server = BankHostServer.start(dir.resolve("bank.db"), 0);
    server.ledger().openAccount(CUSTOMER, "YAMADA TARO", 20_000);
    server.ledger().openAccount(ISSUER, "KIPPU TICKETS", 0);
    CashCards.issue(server, CUSTOMER);
    attacker = new ManInTheMiddle(server.port());
    host =
        JposBankHost.connect(
            new BankLinkConfig(
                    "127.0.0.1",
                    attacker.port(),
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
    attacker.close();
    server.close();
  }

  @Test
  void relayedTransferWithAForgedRefusalIsReversedNotDeclined() throws Exception {
    long total = server.ledger().totalBalance();
    attacker.attackNextTransfer();

    assertThrows(
        BankUnavailableException.class,
        () -> host.transfer(CashCards.transfer(pad, "tx-mitm", CUSTOMER, ISSUER, 8_800)),
        "an unMACed refusal is no answer: the outcome is unknown, not a decline");

    assertTrue(attacker.originalAnswerDropped(), "the host approved the relayed original");
    assertEquals(List.of("63"), attacker.forwardedAnswerCodes(), "the terminal saw the refusal");
    assertEquals(1, server.requestsRefused(ResponseCode.SECURITY_VIOLATION));
    assertTrue(host.awaitNoPendingReversals(Duration.ofSeconds(10)), "reversal delivered");
    assertEquals(20_000, server.ledger().balance(CUSTOMER), "the customer's debit was reversed");
    assertEquals(0, server.ledger().balance(ISSUER));
    assertEquals(total, server.ledger().totalBalance());
    assertEquals(1, server.ledger().reversedTransferCount());
  }
}
