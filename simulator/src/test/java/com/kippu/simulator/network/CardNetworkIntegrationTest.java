package com.kippu.simulator.network;

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
import com.kippu.atm.payment.AuthorizationRequest.Kind;
import com.kippu.atm.payment.AuthorizationResult;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.CardExpiry;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.PinBlock;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.simulator.bank.HostOptions;
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

/** Credit and prepaid authorizations (S2 ¶27-32) over the card network link, real TCP. */
class CardNetworkIntegrationTest {
  static final String TERMINAL = "KIOSK001";
  static final CardNumber CREDIT = new CardNumber("4111110000002222");
  static final CardNumber PREPAID = new CardNumber("6012340000003333");
  static final CardNumber EXPIRED = new CardNumber("4111110000004444");
  static final CardExpiry EXPIRY = CardExpiry.of(2027, 12);
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-04-01T01:30:00Z"), ZoneId.of("Asia/Tokyo"));

  @TempDir Path dir;
  private CardNetworkServer server;
  private JposBankHost link;

  @BeforeEach
  void start() throws Exception {
    server =
        CardNetworkServer.start(dir.resolve("cards.db"), HostOptions.defaults(0).withClock(CLOCK));
    server.issueCard(CREDIT, Kind.CREDIT, EXPIRY, 50_000);
    server.issueCard(PREPAID, Kind.PREPAID, EXPIRY, 3_000);
    server.issueCard(EXPIRED, Kind.CREDIT, CardExpiry.of(2025, 2), 50_000);
    link = connect(server.port());
  }

  static JposBankHost connect(int port) throws Exception {
    return JposBankHost.connect(
        new BankLinkConfig("127.0.0.1", port, TIMEOUT, TIMEOUT, TERMINAL, "KIPPU-TICKETS", "0001"),
        LinkSetup.cardNetwork(
            TerminalSecurity.withMasterKey(
                TerminalSecurity.developmentMasterKey(TERMINAL), new SecureRandom())),
        new InMemoryStanSource(),
        CLOCK);
  }

  @AfterEach
  void stop() {
    if (link != null) {
      link.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void creditWithinTheLimitIsApprovedAndHeld() throws Exception {
    AuthorizationResult r = link.authorize(request(Kind.CREDIT, CREDIT, EXPIRY, 8_800));
    assertTrue(r.approved(), r.toString());
    assertEquals(41_200, server.available(CREDIT));
    assertEquals("51", link.authorize(request(Kind.CREDIT, CREDIT, EXPIRY, 41_201)).responseCode());
  }

  @Test
  void prepaidValueIsDeductedAndAShortCardIsDeclined51() throws Exception {
    assertTrue(link.authorize(request(Kind.PREPAID, PREPAID, EXPIRY, 2_000)).approved());
    assertEquals(1_000, server.available(PREPAID));
    assertEquals(
        "51", link.authorize(request(Kind.PREPAID, PREPAID, EXPIRY, 1_001)).responseCode());
  }

  @Test
  void expiredCardIs54AndWrongKindIs12AndUnknownCardIs14() throws Exception {
    assertEquals(
        "54",
        link.authorize(request(Kind.CREDIT, EXPIRED, CardExpiry.of(2025, 2), 100)).responseCode());
    assertEquals("12", link.authorize(request(Kind.PREPAID, CREDIT, EXPIRY, 100)).responseCode());
    assertEquals(
        "14",
        link.authorize(request(Kind.CREDIT, new CardNumber("4111119999999999"), EXPIRY, 100))
            .responseCode());
  }

  @Test
  void issuerUnavailableIs91() throws Exception {
    server.issuerUnavailable(true);
    assertEquals("91", link.authorize(request(Kind.CREDIT, CREDIT, EXPIRY, 100)).responseCode());
    assertEquals(50_000, server.available(CREDIT));
  }

  @Test
  void reversalReleasesTheHoldOnceAndALostAnswerIsReversed() throws Exception {
    AuthorizationRequest r = request(Kind.PREPAID, PREPAID, EXPIRY, 2_000);
    AuthorizationResult approval = link.authorize(r);
    link.reverse(r, approval);
    link.reverse(r, approval);
    assertEquals(3_000, server.available(PREPAID));

    server.dropResponses(1);
    assertThrows(
        BankUnavailableException.class,
        () -> link.authorize(request(Kind.CREDIT, CREDIT, EXPIRY, 9_000)));
    assertTrue(link.awaitNoPendingReversals(TIMEOUT));
    assertEquals(50_000, server.available(CREDIT));
  }

  @Test
  void transferIsRefusedOnTheCardNetworkLinkWithoutSending() {
    AccountNumber from = new AccountNumber("0001-001-1234567");
    TransferRequest transfer =
        new TransferRequest(
            "tx",
            CardNumber.ofCashAccount(from),
            from,
            new AccountNumber("0009-100-7654321"),
            Money.yen(1),
            new PinBlock(new byte[8], PinBlock.Format.ISO_9564_FORMAT_0));
    assertThrows(BankUnavailableException.class, () -> link.transfer(transfer));
    assertEquals(0, server.requestsReceived("0200"));
  }

  static AuthorizationRequest request(Kind kind, CardNumber card, CardExpiry expiry, long yen) {
    return new AuthorizationRequest("tx-" + kind, kind, card, expiry, null, Money.yen(yen), null);
  }
}
