package com.kippu.simulator.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.bank.BankLinkConfig;
import com.kippu.atm.bank.InMemoryStanSource;
import com.kippu.atm.bank.JposBankHost;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.iso8583.BankHostLink;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import com.kippu.iso8583.Mti;
import com.kippu.iso8583.NetworkManagementCode;
import com.kippu.iso8583.ProcessingCode;
import com.kippu.iso8583.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal's bank link against the simulated bank host over real TCP on loopback. */
class BankHostIntegrationTest {
  private static final AccountNumber CUSTOMER = new AccountNumber("0001-001-1234567");
  private static final AccountNumber ISSUER = new AccountNumber("0009-100-7654321");
  private static final AccountNumber POOR = new AccountNumber("0001-001-0000500");
  private static final AccountNumber NOBODY = new AccountNumber("0001-999-9999999");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-04-01T01:30:00Z"), ZoneId.of("Asia/Tokyo"));

  @TempDir Path dir;

  private final SoftwarePinPad pad = new SoftwarePinPad("ATM00001");
  private BankHostServer server;
  private JposBankHost host;

  @BeforeEach
  void start() throws Exception {
    server = BankHostServer.start(dir.resolve("bank.db"), 0);
    server.ledger().openAccount(CUSTOMER, "YAMADA TARO", 20_000);
    server.ledger().openAccount(ISSUER, "KIPPU TICKETS", 0);
    server.ledger().openAccount(POOR, "SATO HANAKO", 500);
    CashCards.issue(server, CUSTOMER, ISSUER, POOR);
    host =
        JposBankHost.connect(
            new BankLinkConfig(
                "127.0.0.1",
                server.port(),
                TIMEOUT,
                TIMEOUT,
                "ATM00001",
                "KIPPU-BRANCH-01",
                "0001"),
            CashCards.setup("ATM00001", pad),
            new InMemoryStanSource(),
            CLOCK);
  }

  @AfterEach
  void stop() {
    if (host != null) {
      host.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void echoIsAnswered() throws Exception {
    assertTrue(host.echo());
  }

  @Test
  void approvedTransferMovesExactlyTheAmount() throws Exception {
    TransferResult result = host.transfer(transfer(CUSTOMER, ISSUER, 8_800));

    assertTrue(result.approved(), result.toString());
    assertEquals("000003", result.stan(), "STANs 1 and 2 went to sign-on and key change");
    assertEquals(12, result.rrn().length());
    assertEquals(6, result.approvalCode().length());
    assertEquals(CLOCK.instant(), result.transmittedAt());
    assertEquals(11_200, server.ledger().balance(CUSTOMER));
    assertEquals(8_800, server.ledger().balance(ISSUER));
    assertEquals(1, server.ledger().appliedTransferCount());
  }

  @Test
  void insufficientFundsIsDeclinedWith51AndMovesNothing() throws Exception {
    TransferResult result = host.transfer(transfer(POOR, ISSUER, 8_800));

    assertEquals("51", result.responseCode());
    assertFalse(result.approved());
    assertEquals("", result.approvalCode());
    assertEquals(500, server.ledger().balance(POOR));
    assertEquals(0, server.ledger().balance(ISSUER));
    assertEquals(0, server.ledger().appliedTransferCount());
  }

  @Test
  void unknownAccountIsDeclinedWith14() throws Exception {
    assertEquals("14", host.transfer(transfer(NOBODY, ISSUER, 100)).responseCode());
    assertEquals("14", host.transfer(transfer(CUSTOMER, NOBODY, 100)).responseCode());
    assertEquals(20_000, server.ledger().balance(CUSTOMER));
    assertEquals(0, server.ledger().appliedTransferCount());
  }

  @Test
  void sameTransmissionSentTwiceIsAppliedOnceAndAnswered94() throws Exception {
    try (RawTerminal raw = rawTerminal()) {
      assertEquals("00", raw.exchange(rawTransfer(raw)).getString(Field.RESPONSE_CODE));
      assertEquals("94", raw.exchange(rawTransfer(raw)).getString(Field.RESPONSE_CODE));
    }
    assertEquals(20_000 - 8_800, server.ledger().balance(CUSTOMER));
    assertEquals(8_800, server.ledger().balance(ISSUER));
    assertEquals(1, server.ledger().appliedTransferCount());
  }

  @Test
  void reversalRestoresBalancesAndRepeatingItChangesNothing() throws Exception {
    TransferRequest request = transfer(CUSTOMER, ISSUER, 8_800);
    TransferResult approval = host.transfer(request);
    assertTrue(approval.approved());

    host.reverse(request, approval);
    assertEquals(20_000, server.ledger().balance(CUSTOMER));
    assertEquals(0, server.ledger().balance(ISSUER));
    assertEquals(0, server.ledger().appliedTransferCount());

    host.reverse(request, approval);
    assertEquals(20_000, server.ledger().balance(CUSTOMER));
    assertEquals(0, server.ledger().balance(ISSUER));
  }

  @Test
  void malformedFrameIsSkippedAndTheConnectionKeepsBeingServed() throws Exception {
    try (RawTerminal raw = new RawTerminal(Link.BANK_HOST, server.port(), "ATM00002", 5_000)) {
      raw.writeFrame("0200ZZ not an ISO message".getBytes(StandardCharsets.US_ASCII));
      ISOMsg echo = raw.networkManagement(NetworkManagementCode.ECHO_TEST);
      ISOMsg answer = raw.exchange(echo);
      assertEquals(Mti.NETWORK_MANAGEMENT_RESPONSE, answer.getMTI());
      assertEquals(echo.getString(Field.STAN), answer.getString(Field.STAN));
      assertEquals("00", answer.getString(Field.RESPONSE_CODE));
      assertTrue(raw.verifies(answer));
    }
    assertTrue(host.echo(), "other clients are still served");
  }

  @Test
  void requestBreakingItsSpecIsAnswered30NamingNothingAndMovesNothing() throws Exception {
    try (RawTerminal raw = rawTerminal()) {
      ISOMsg m = rawTransfer(raw);
      m.unset(Field.CURRENCY);
      ISOMsg answer = raw.exchange(m);
      assertEquals("30", answer.getString(Field.RESPONSE_CODE));
      assertFalse(answer.hasField(Field.APPROVAL_CODE));
    }
    assertEquals(1, server.requestsRefused(ResponseCode.FORMAT_ERROR));
    assertEquals(20_000, server.ledger().balance(CUSTOMER));
  }

  @Test
  void badMacIsAnswered63AndMovesNothing() throws Exception {
    try (RawTerminal raw = rawTerminal()) {
      ISOMsg m = rawTransfer(raw);
      m.set(Field.MAC_SECONDARY, new byte[8]);
      ISOMsg answer;
      raw.sendUnsigned(m);
      answer = raw.receive();
      assertEquals("63", answer.getString(Field.RESPONSE_CODE));
      assertFalse(
          raw.verifies(answer),
          "the refusal carries no valid MAC: a copy altered on the way cannot earn an authentic"
              + " refusal for the terminal to believe");
      // The same transmission, now authentic, is still new: the tampered one left no trace.
      assertEquals("00", raw.exchange(rawTransfer(raw)).getString(Field.RESPONSE_CODE));
    }
    assertEquals(1, server.requestsRefused(ResponseCode.SECURITY_VIOLATION));
    assertEquals(1, server.ledger().appliedTransferCount());
  }

  @Test
  void cashDepositCreditsTheIssuerOnce() throws Exception {
    try (RawTerminal raw = rawTerminal()) {
      ISOMsg m = rawTransfer(raw);
      m.set(Field.PROCESSING_CODE, ProcessingCode.CASH_DEPOSIT);
      m.unset(new int[] {Field.PAN, Field.PIN_BLOCK, Field.FROM_ACCOUNT});
      assertEquals("00", raw.exchange(m).getString(Field.RESPONSE_CODE));
      ISOMsg again = rawTransfer(raw);
      again.set(Field.PROCESSING_CODE, ProcessingCode.CASH_DEPOSIT);
      again.unset(new int[] {Field.PAN, Field.PIN_BLOCK, Field.FROM_ACCOUNT});
      assertEquals("94", raw.exchange(again).getString(Field.RESPONSE_CODE));
    }
    assertEquals(8_800, server.ledger().balance(ISSUER));
    assertEquals(20_000, server.ledger().balance(CUSTOMER));
  }

  @Test
  void issuerUnavailableSwitchAnswers91AndMovesNothing() throws Exception {
    server.issuerUnavailable(true);
    assertEquals("91", host.transfer(transfer(CUSTOMER, ISSUER, 100)).responseCode());
    server.issuerUnavailable(false);
    assertEquals("00", host.transfer(transfer(CUSTOMER, ISSUER, 100)).responseCode());
    assertEquals(19_900, server.ledger().balance(CUSTOMER));
  }

  private TransferRequest transfer(AccountNumber from, AccountNumber to, long yen) {
    return CashCards.transfer(pad, "tx-" + from.value().substring(9), from, to, yen);
  }

  private RawTerminal rawTerminal() throws Exception {
    return new RawTerminal(Link.BANK_HOST, server.port(), "ATM00009", (int) TIMEOUT.toMillis())
        .signOn();
  }

  /**
   * One fixed 0200 with the customer's cash card and PIN; sending it twice is a duplicate
   * transmission (same 41, 11, 7).
   */
  private static ISOMsg rawTransfer(RawTerminal raw) throws Exception {
    ISOMsg m = new ISOMsg(Mti.FINANCIAL_REQUEST);
    String card = CardNumber.ofCashAccount(CUSTOMER).value();
    m.set(Field.PAN, card);
    m.set(Field.PIN_BLOCK, raw.pinBlock(card, CashCards.PIN));
    m.set(Field.PROCESSING_CODE, ProcessingCode.ACCOUNT_TRANSFER);
    m.set(Field.AMOUNT, "000000008800");
    m.set(Field.TRANSMISSION_DATE_TIME, "0401013000");
    m.set(Field.STAN, "000042");
    m.set(Field.ACQUIRER_ID, "0001");
    m.set(Field.RRN, "509101000042");
    m.set(Field.TERMINAL_ID, "ATM00009");
    m.set(Field.CURRENCY, BankHostLink.CURRENCY_JPY);
    m.set(Field.FROM_ACCOUNT, CUSTOMER.value());
    m.set(Field.TO_ACCOUNT, ISSUER.value());
    return m;
  }
}
