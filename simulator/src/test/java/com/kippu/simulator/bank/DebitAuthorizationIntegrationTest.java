package com.kippu.simulator.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.bank.BankLinkConfig;
import com.kippu.atm.bank.InMemoryStanSource;
import com.kippu.atm.bank.JposBankHost;
import com.kippu.atm.bank.LinkSetup;
import com.kippu.atm.bank.TerminalSecurity;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.payment.AuthorizationResult;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.CardExpiry;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.Money;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debit card with PIN (S2 ¶33-34) against the bank host over real TCP: 0100/0110 and 0420. */
class DebitAuthorizationIntegrationTest {
  private static final String TERMINAL = "ATM00001";
  private static final CardNumber CARD = new CardNumber("4980000000001234");
  private static final CardNumber OLD_CARD = new CardNumber("4980000000005678");
  private static final CardExpiry EXPIRY = CardExpiry.of(2027, 12);
  private static final AccountNumber CARD_ACCOUNT = new AccountNumber("0001-001-1234567");
  private static final AccountNumber ISSUER = new AccountNumber("0009-100-7654321");
  private static final String PIN = "739164";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-04-01T01:30:00Z"), ZoneId.of("Asia/Tokyo"));

  @TempDir Path dir;
  private BankHostServer server;
  private JposBankHost host;
  private final SoftwarePinPad pad = new SoftwarePinPad(TERMINAL);

  @BeforeEach
  void start() throws Exception {
    server = BankHostServer.start(dir.resolve("bank.db"), HostOptions.defaults(0).withClock(CLOCK));
    server.ledger().openAccount(CARD_ACCOUNT, "YAMADA TARO", 20_000);
    server.ledger().openAccount(ISSUER, "KIPPU TICKETS", 0);
    server.issueDebitCard(CARD, EXPIRY, CARD_ACCOUNT, PIN.toCharArray());
    server.issueDebitCard(OLD_CARD, CardExpiry.of(2025, 3), CARD_ACCOUNT, PIN.toCharArray());
    LinkSetup setup =
        LinkSetup.bankHost(
                TerminalSecurity.withMasterKey(
                    TerminalSecurity.developmentMasterKey(TERMINAL), new SecureRandom()))
            .withPinPad(pad);
    host =
        JposBankHost.connect(
            new BankLinkConfig(
                "127.0.0.1", server.port(), TIMEOUT, TIMEOUT, TERMINAL, "KIPPU-BRANCH-01", "0001"),
            setup,
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
  void rightPinDebitsTheCardAccountAndCreditsThePayee() throws Exception {
    AuthorizationResult r = host.authorize(debit(CARD, EXPIRY, PIN, 8_800));
    assertTrue(r.approved(), r.toString());
    assertEquals(6, r.approvalCode().length());
    assertEquals(11_200, server.ledger().balance(CARD_ACCOUNT));
    assertEquals(8_800, server.ledger().balance(ISSUER));
  }

  @Test
  void wrongPinIs55AndTheThirdWrongPinBlocksTheCardWith75() throws Exception {
    assertEquals("55", host.authorize(debit(CARD, EXPIRY, "000000", 100)).responseCode());
    assertEquals("55", host.authorize(debit(CARD, EXPIRY, "111111", 100)).responseCode());
    assertEquals("75", host.authorize(debit(CARD, EXPIRY, "222222", 100)).responseCode());
    assertEquals("75", host.authorize(debit(CARD, EXPIRY, PIN, 100)).responseCode(), "blocked");
    assertEquals(20_000, server.ledger().balance(CARD_ACCOUNT));
  }

  @Test
  void rightPinResetsTheTryCounter() throws Exception {
    assertEquals("55", host.authorize(debit(CARD, EXPIRY, "000000", 100)).responseCode());
    assertEquals("55", host.authorize(debit(CARD, EXPIRY, "000000", 100)).responseCode());
    assertEquals("00", host.authorize(debit(CARD, EXPIRY, PIN, 100)).responseCode());
    assertEquals("55", host.authorize(debit(CARD, EXPIRY, "000000", 100)).responseCode());
  }

  @Test
  void expiredCardIs54AndInsufficientFundsIs51() throws Exception {
    assertEquals(
        "54", host.authorize(debit(OLD_CARD, CardExpiry.of(2025, 3), PIN, 100)).responseCode());
    assertEquals(
        "54", host.authorize(debit(CARD, CardExpiry.of(2028, 1), PIN, 100)).responseCode());
    assertEquals("51", host.authorize(debit(CARD, EXPIRY, PIN, 20_001)).responseCode());
    assertEquals(20_000, server.ledger().balance(CARD_ACCOUNT));
  }

  @Test
  void issuerUnavailableIs91() throws Exception {
    server.issuerUnavailable(true);
    assertEquals("91", host.authorize(debit(CARD, EXPIRY, PIN, 100)).responseCode());
    assertEquals(20_000, server.ledger().balance(CARD_ACCOUNT));
  }

  @Test
  void reversalRestoresBothAccountsOnceHoweverOftenItIsSent() throws Exception {
    AuthorizationRequest request = debit(CARD, EXPIRY, PIN, 8_800);
    AuthorizationResult approval = host.authorize(request);
    assertTrue(approval.approved());
    host.reverse(request, approval);
    host.reverse(request, approval);
    assertEquals(20_000, server.ledger().balance(CARD_ACCOUNT));
    assertEquals(0, server.ledger().balance(ISSUER));
    assertEquals(1, server.ledger().reversedTransferCount());
  }

  @Test
  void lostAnswerIsReversedAndNoMoneyStaysMoved() throws Exception {
    server.dropResponses(1);
    assertThrows(
        BankUnavailableException.class, () -> host.authorize(debit(CARD, EXPIRY, PIN, 8_800)));
    assertTrue(host.awaitNoPendingReversals(TIMEOUT));
    assertEquals(20_000, server.ledger().balance(CARD_ACCOUNT));
    assertEquals(0, server.ledger().balance(ISSUER));
  }

  @Test
  void creditAuthorizationIsRefusedOnTheBankLinkWithoutSending() {
    AuthorizationRequest credit =
        new AuthorizationRequest(
            "tx-c", AuthorizationRequest.Kind.CREDIT, CARD, EXPIRY, null, Money.yen(100), null);
    assertThrows(BankUnavailableException.class, () -> host.authorize(credit));
    assertEquals(0, server.requestsReceived("0100"));
  }

  private AuthorizationRequest debit(CardNumber card, CardExpiry expiry, String pin, long yen)
      throws Exception {
    pad.willEnter(pin);
    return new AuthorizationRequest(
        "tx-d",
        AuthorizationRequest.Kind.DEBIT,
        card,
        expiry,
        pad.readPin(card),
        Money.yen(yen),
        ISSUER);
  }
}
