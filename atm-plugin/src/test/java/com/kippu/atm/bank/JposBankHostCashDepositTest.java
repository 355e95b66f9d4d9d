package com.kippu.atm.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.CashDepositRequest;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.TransferResult;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.Mti;
import com.kippu.iso8583.ProcessingCode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cash deposit credit on the link: a 0200 with processing code 210000 naming only the issuer's
 * account, its reversal stored before it leaves and its approval kept until settled, so it can be
 * reversed after a restart like a transfer.
 */
class JposBankHostCashDepositTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final AccountNumber ISSUER = new AccountNumber("0009-100-7654321");

  @TempDir Path dir;

  private ScriptedHost server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static BankLinkConfig config(int port, Duration timeout) {
    return new BankLinkConfig(
        "127.0.0.1",
        port,
        timeout,
        timeout,
        "ATM00001",
        "KIPPU-BRANCH-01",
        "1",
        Duration.ofMillis(50));
  }

  @Test
  void depositCarriesOnlyTheIssuersAccountAndItsApprovalIsReversibleAfterARestart()
      throws Exception {
    Path state = dir.resolve("link.db");
    server = new ScriptedHost("ATM00001", m -> "00");
    CashDepositRequest deposit = new CashDepositRequest("tx-cash", ISSUER, Money.yen(8_800));
    TransferResult approval;
    try (JposBankHost host =
        JposBankHost.connect(config(server.port(), TIMEOUT), state, Clock.systemUTC())) {
      approval = host.depositCash(deposit);
      assertTrue(approval.approved());
      assertEquals("000001", approval.approvalCode());
    }
    ISOMsg sent = server.received.get(0);
    assertEquals(Mti.FINANCIAL_REQUEST, sent.getMTI());
    assertEquals(ProcessingCode.CASH_DEPOSIT, sent.getString(Field.PROCESSING_CODE));
    assertEquals("000000008800", sent.getString(Field.AMOUNT));
    assertEquals(ISSUER.value(), sent.getString(Field.TO_ACCOUNT));
    assertFalse(sent.hasField(Field.PAN), "no card");
    assertFalse(sent.hasField(Field.PIN_BLOCK), "no PIN");
    assertFalse(sent.hasField(Field.FROM_ACCOUNT), "the cash came from no account");

    try (JposBankHost restarted =
        JposBankHost.connect(config(server.port(), TIMEOUT), state, Clock.systemUTC())) {
      assertEquals(0, restarted.pendingReversals(), "an approval is not reversed by a restart");
      assertTrue(restarted.reverseApproved(deposit.transactionId()));
    }
    ISOMsg reversal = server.received.get(1);
    assertEquals(Mti.REVERSAL_ADVICE, reversal.getMTI());
    assertEquals(ProcessingCode.CASH_DEPOSIT, reversal.getString(Field.PROCESSING_CODE));
    assertEquals(ISSUER.value(), reversal.getString(Field.TO_ACCOUNT));
    assertFalse(reversal.hasField(Field.FROM_ACCOUNT));
    assertEquals(
        Mti.FINANCIAL_REQUEST + approval.stan(),
        reversal.getString(Field.ORIGINAL_DATA_ELEMENTS).substring(0, 10));
  }

  @Test
  void declinedDepositKeepsNothingToReverse() throws Exception {
    server = new ScriptedHost("ATM00001", m -> "14");
    try (JposBankHost host =
        JposBankHost.connect(
            config(server.port(), TIMEOUT), dir.resolve("link.db"), Clock.systemUTC())) {
      TransferResult declined =
          host.depositCash(new CashDepositRequest("tx-declined", ISSUER, Money.yen(100)));
      assertEquals("14", declined.responseCode());
      assertFalse(host.reverseApproved("tx-declined"), "nothing was credited");
    }
  }

  @Test
  void unansweredDepositIsReversedBeforeTheCallerHearsOfIt() throws Exception {
    server =
        new ScriptedHost("ATM00001", m -> Mti.REVERSAL_ADVICE.equals(m.getString(0)) ? "00" : null);
    try (JposBankHost host =
        JposBankHost.connect(
            config(server.port(), Duration.ofMillis(300)),
            dir.resolve("link.db"),
            Clock.systemUTC())) {
      assertThrows(
          BankUnavailableException.class,
          () -> host.depositCash(new CashDepositRequest("tx-lost", ISSUER, Money.yen(100))));
      assertEquals(0, host.pendingReversals(), "confirmed by the 0430 at once");
    }
    assertEquals(Mti.REVERSAL_ADVICE, server.received.get(1).getMTI());
    assertEquals(
        ProcessingCode.CASH_DEPOSIT, server.received.get(1).getString(Field.PROCESSING_CODE));
  }
}
