package com.kippu.simulator.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.bank.BankLinkConfig;
import com.kippu.atm.bank.BankRoute;
import com.kippu.atm.bank.BankRouter;
import com.kippu.atm.bank.InMemoryStanSource;
import com.kippu.atm.bank.JposBankHost;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.AuthorizationRequest.Kind;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.iso8583.Mti;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terminal kinds and routes (S1 ¶114-116) with two jPOS hosts on loopback: an in-company CD sends
 * intra-bank transfers over its card network route, which reaches only its own bank (0001), and
 * transfers to an issuer at another bank over the alternate route; a bank-branch ATM's single
 * direct route reaches every bank.
 */
class BankRouterIntegrationTest {
  private static final AccountNumber CUSTOMER = new AccountNumber("0001-001-1234567");
  private static final AccountNumber SAME_BANK_ISSUER = new AccountNumber("0001-200-0000001");
  private static final AccountNumber OTHER_BANK_ISSUER = new AccountNumber("0009-100-7654321");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-04-01T01:30:00Z"), ZoneId.of("Asia/Tokyo"));

  /**
   * One software PIN pad per host: each host sends its own PIN key, so a PIN block verifies only at
   * the host whose key it was made under.
   */
  private final SoftwarePinPad cdPad = new SoftwarePinPad("CD000001");

  private final SoftwarePinPad alternatePad = new SoftwarePinPad("CD000001");

  @TempDir Path dir;
  private BankHostServer cdNetwork;
  private BankHostServer alternate;
  private BankRouter router;

  @BeforeEach
  void start() throws Exception {
    cdNetwork = BankHostServer.start(dir.resolve("cd-network.db"), 0);
    alternate = BankHostServer.start(dir.resolve("alternate.db"), 0);
    for (BankHostServer s : List.of(cdNetwork, alternate)) {
      s.ledger().openAccount(CUSTOMER, "YAMADA TARO", 20_000);
      s.ledger().openAccount(SAME_BANK_ISSUER, "KIPPU TICKETS", 0);
      s.ledger().openAccount(OTHER_BANK_ISSUER, "RAIL TICKETS", 0);
      CashCards.issue(s, CUSTOMER);
    }
    router =
        new BankRouter(
            List.of(
                new BankRoute("cd-network", link(cdNetwork, cdPad), Set.of("0001"), Set.of()),
                new BankRoute(
                    "alternate",
                    link(alternate, alternatePad),
                    Set.of(BankRoute.ANY_BANK),
                    Set.of(Kind.DEBIT))));
  }

  @AfterEach
  void stop() {
    if (router != null) {
      router.close();
    }
    cdNetwork.close();
    alternate.close();
  }

  @Test
  void intraBankTransferTakesTheCardNetworkRoute() throws Exception {
    TransferResult r = router.transfer(transfer(SAME_BANK_ISSUER, cdPad));
    assertTrue(r.approved());
    assertEquals(8_800, cdNetwork.ledger().balance(SAME_BANK_ISSUER));
    assertEquals(0, alternate.requestsReceived(Mti.FINANCIAL_REQUEST));
  }

  @Test
  void transferToAnotherBankTakesTheAlternateRoute() throws Exception {
    TransferResult r = router.transfer(transfer(OTHER_BANK_ISSUER, alternatePad));
    assertTrue(r.approved());
    assertEquals(8_800, alternate.ledger().balance(OTHER_BANK_ISSUER));
    assertEquals(0, cdNetwork.requestsReceived(Mti.FINANCIAL_REQUEST));
  }

  @Test
  void reversalFollowsItsOriginalsRoute() throws Exception {
    TransferRequest request = transfer(OTHER_BANK_ISSUER, alternatePad);
    TransferResult approval = router.transfer(request);
    router.reverse(request, approval);
    assertEquals(20_000, alternate.ledger().balance(CUSTOMER));
    assertEquals(1, alternate.requestsReceived(Mti.REVERSAL_ADVICE));
    assertEquals(0, cdNetwork.requestsReceived(Mti.REVERSAL_ADVICE));
  }

  @Test
  void withoutAnAlternateRouteAnInterBankTransferIsRefusedBeforeSending() throws Exception {
    BankRouter cdOnly =
        new BankRouter(
            List.of(new BankRoute("cd-network", link(cdNetwork, cdPad), Set.of("0001"), Set.of())));
    try {
      BankUnavailableException e =
          assertThrows(
              BankUnavailableException.class,
              () -> cdOnly.transfer(transfer(OTHER_BANK_ISSUER, cdPad)));
      assertTrue(e.getMessage().contains("to bank 0009"), e.getMessage());
    } finally {
      cdOnly.close();
    }
    assertEquals(0, cdNetwork.requestsReceived(Mti.FINANCIAL_REQUEST));
  }

  @Test
  void branchAtmWithOneDirectRouteReachesEveryBank() throws Exception {
    try (BankRouter branch =
        new BankRouter(
            List.of(
                new BankRoute(
                    "direct",
                    link(alternate, alternatePad),
                    Set.of(BankRoute.ANY_BANK),
                    Set.of())))) {
      assertTrue(branch.transfer(transfer(SAME_BANK_ISSUER, alternatePad)).approved());
      assertTrue(branch.transfer(transfer(OTHER_BANK_ISSUER, alternatePad)).approved());
      assertTrue(branch.echo());
    }
  }

  private static TransferRequest transfer(AccountNumber to, SoftwarePinPad pad) {
    return CashCards.transfer(pad, "tx-route", CUSTOMER, to, 8_800);
  }

  private static JposBankHost link(BankHostServer server, SoftwarePinPad pad) throws Exception {
    return JposBankHost.connect(
        new BankLinkConfig(
            "127.0.0.1", server.port(), TIMEOUT, TIMEOUT, "CD000001", "KIPPU-OFFICE", "0001"),
        CashCards.setup("CD000001", pad),
        new InMemoryStanSource(),
        CLOCK);
  }
}
