package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.bank.BankLinkConfig;
import com.kippu.atm.bank.InMemoryStanSource;
import com.kippu.atm.bank.JposBankHost;
import com.kippu.atm.bank.LinkSetup;
import com.kippu.atm.bank.TerminalSecurity;
import com.kippu.atm.device.JavaPosPinPad;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.payment.AuthorizationResult;
import com.kippu.atm.payment.CardExpiry;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.Money;
import com.kippu.devices.PinEntry;
import com.kippu.devices.sim.SimulatedDevices;
import com.kippu.devices.sim.SimulatedKeypads;
import com.kippu.simulator.bank.BankHostServer;
import com.kippu.simulator.bank.HostOptions;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A debit with PIN end to end on real parts: the simulated JavaPOS PIN pad from jpos.xml receives
 * its PIN key from the bank host's key change under the terminal master key, builds the ISO 9564
 * format 0 block, and the host verifies it over TCP. The clear PIN exists only inside the pad.
 */
class PinPadDebitIntegrationTest {
  private static final String TERMINAL = "ATM00007";

  /** The TMK the sample jpos.xml installs in the simulated PIN pad (a public development key). */
  private static final byte[] TMK = HexFormat.of().parseHex("4C4C4C4C4C4C4C4C5D5D5D5D5D5D5D5D");

  private static final CardNumber CARD = new CardNumber("4980000000001234");
  private static final CardExpiry EXPIRY = CardExpiry.of(2030, 12);
  private static final AccountNumber CARD_ACCOUNT = new AccountNumber("0001-001-3456789");
  private static final AccountNumber ISSUER = new AccountNumber("0009-001-7654321");
  private static final String PIN = "739164";

  @TempDir Path dir;
  private BankHostServer server;
  private JposBankHost link;
  private JavaPosPinPad pinPad;

  @BeforeEach
  void start() throws Exception {
    server =
        BankHostServer.start(
            dir.resolve("bank.db"), HostOptions.defaults(0).withDevelopment(false));
    server.registerTerminal(TERMINAL, TMK.clone());
    server.ledger().openAccount(CARD_ACCOUNT, "SATO HANAKO", 30_000);
    server.ledger().openAccount(ISSUER, "TOKYO DOME PROMOTIONS", 0);
    server.issueDebitCard(CARD, EXPIRY, CARD_ACCOUNT, PIN.toCharArray());
    pinPad =
        new JavaPosPinPad(
            PinEntry.open(
                SimulatedDevices.registry(dir.resolve("out"), TERMINAL), SimulatedDevices.PIN_PAD),
            Duration.ofSeconds(5));
    Duration timeout = Duration.ofSeconds(5);
    link =
        JposBankHost.connect(
            new BankLinkConfig(
                "127.0.0.1", server.port(), timeout, timeout, TERMINAL, "KIPPU-ATM", "0001"),
            LinkSetup.bankHost(TerminalSecurity.withMasterKey(TMK.clone(), new SecureRandom()))
                .withPinPad(pinPad),
            new InMemoryStanSource(),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    link.close();
    pinPad.close();
    server.close();
  }

  private AuthorizationResult payWithPin(String typed, long yen) throws Exception {
    SimulatedKeypads.keypad(SimulatedDevices.unitName(TERMINAL, SimulatedDevices.PIN_PAD))
        .whenPinEntryEnabled(k -> k.type(typed).enter());
    return link.authorize(
        new AuthorizationRequest(
            "tx-" + typed,
            AuthorizationRequest.Kind.DEBIT,
            CARD,
            EXPIRY,
            pinPad.readPin(CARD),
            Money.yen(yen),
            ISSUER));
  }

  @Test
  void pinTypedOnThePadIsVerifiedByTheHost() throws Exception {
    AuthorizationResult approved = payWithPin(PIN, 8_800);

    assertTrue(approved.approved(), approved.toString());
    assertEquals(30_000 - 8_800, server.ledger().balance(CARD_ACCOUNT));
    assertEquals(8_800, server.ledger().balance(ISSUER));
  }

  @Test
  void wrongPinOnThePadIsDeclined55AndMovesNothing() throws Exception {
    assertEquals("55", payWithPin("000000", 8_800).responseCode());
    assertEquals(30_000, server.ledger().balance(CARD_ACCOUNT));
  }
}
