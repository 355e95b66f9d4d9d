package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.bank.BankLinkConfig;
import com.kippu.atm.bank.JposBankHost;
import com.kippu.atm.bank.LinkSetup;
import com.kippu.atm.bank.TerminalSecurity;
import com.kippu.atm.device.JavaPosPinPad;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.devices.PinEntry;
import com.kippu.devices.sim.SimulatedDevices;
import com.kippu.devices.sim.SimulatedKeypads;
import com.kippu.iso8583.BankHostLink;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import com.kippu.iso8583.Mti;
import com.kippu.iso8583.ProcessingCode;
import com.kippu.simulator.bank.BankHostServer;
import com.kippu.simulator.bank.HostOptions;
import com.kippu.simulator.bank.RawTerminal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account transfer needs the PIN of a cash card of the from-account, checked by the bank host
 * over TCP: the simulated JavaPOS PIN pad takes the PIN key at key change and encrypts what the
 * customer types; the host decrypts it under the terminal's TPK and compares it with the card's
 * salted verification value. Money moves only with the right card and PIN.
 */
class TransferPinIntegrationTest {
  private static final String TERMINAL = "ATM00008";

  /** The TMK the sample jpos.xml installs in the simulated PIN pad (a public development key). */
  private static final byte[] TMK = HexFormat.of().parseHex("4C4C4C4C4C4C4C4C5D5D5D5D5D5D5D5D");

  private static final AccountNumber CUSTOMER = new AccountNumber("0001-001-3456789");
  private static final AccountNumber OTHER = new AccountNumber("0001-002-9876543");
  private static final AccountNumber ISSUER = new AccountNumber("0009-001-7654321");
  private static final CardNumber CARD = CardNumber.ofCashAccount(CUSTOMER);
  private static final CardNumber OTHER_CARD = CardNumber.ofCashAccount(OTHER);
  private static final String PIN = "315926";
  private static final String OTHER_PIN = "271828";

  @TempDir Path dir;
  private BankHostServer server;
  private JposBankHost link;
  private JavaPosPinPad pinPad;

  @BeforeEach
  void start() throws Exception {
    startHost();
    server.ledger().openAccount(CUSTOMER, "SATO HANAKO", 30_000);
    server.ledger().openAccount(OTHER, "SUZUKI TARO", 30_000);
    server.ledger().openAccount(ISSUER, "TOKYO DOME PROMOTIONS", 0);
    server.issueCashCard(CARD, CUSTOMER, PIN.toCharArray());
    server.issueCashCard(OTHER_CARD, OTHER, OTHER_PIN.toCharArray());
    pinPad =
        new JavaPosPinPad(
            PinEntry.open(
                SimulatedDevices.registry(dir.resolve("out"), TERMINAL), SimulatedDevices.PIN_PAD),
            Duration.ofSeconds(5));
    connect();
  }

  private void startHost() throws Exception {
    server =
        BankHostServer.start(
            dir.resolve("bank.db"), HostOptions.defaults(0).withDevelopment(false));
    server.registerTerminal(TERMINAL, TMK.clone());
  }

  private void connect() throws Exception {
    Duration timeout = Duration.ofSeconds(5);
    link =
        JposBankHost.connect(
            new BankLinkConfig(
                "127.0.0.1", server.port(), timeout, timeout, TERMINAL, "KIPPU-ATM", "0001"),
            LinkSetup.bankHost(TerminalSecurity.withMasterKey(TMK.clone(), new SecureRandom()))
                .withPinPad(pinPad),
            // A file, so that the STANs go on across the restart of a test.
            dir.resolve("link.db"),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    if (link != null) {
      link.close();
    }
    pinPad.close();
    server.close();
  }

  /** The customer types {@code typed} on the pad for {@code card}; the terminal sends the 0200. */
  private TransferResult pay(CardNumber card, AccountNumber from, String typed, long yen)
      throws Exception {
    SimulatedKeypads.keypad(SimulatedDevices.unitName(TERMINAL, SimulatedDevices.PIN_PAD))
        .whenPinEntryEnabled(k -> k.type(typed).enter());
    return link.transfer(
        new TransferRequest(
            "tx-" + typed, card, from, ISSUER, Money.yen(yen), pinPad.readPin(card)));
  }

  private void assertNothingMoved() {
    assertEquals(30_000, server.ledger().balance(CUSTOMER));
    assertEquals(30_000, server.ledger().balance(OTHER));
    assertEquals(0, server.ledger().balance(ISSUER));
  }

  @Test
  void rightPinMovesTheMoney() throws Exception {
    TransferResult approved = pay(CARD, CUSTOMER, PIN, 8_800);

    assertTrue(approved.approved(), approved.toString());
    assertEquals(30_000 - 8_800, server.ledger().balance(CUSTOMER));
    assertEquals(8_800, server.ledger().balance(ISSUER));
  }

  @Test
  void wrongPinIsDeclined55AndMovesNothing() throws Exception {
    assertEquals("55", pay(CARD, CUSTOMER, "000000", 8_800).responseCode());
    assertNothingMoved();
  }

  @Test
  void thirdWrongPinIsDeclined75AndBlocksTheCardEvenForTheRightPin() throws Exception {
    assertEquals("55", pay(CARD, CUSTOMER, "111111", 100).responseCode());
    assertEquals("55", pay(CARD, CUSTOMER, "222222", 100).responseCode());
    assertEquals("75", pay(CARD, CUSTOMER, "333333", 100).responseCode());
    assertEquals("75", pay(CARD, CUSTOMER, PIN, 100).responseCode());
    assertNothingMoved();
  }

  @Test
  void wrongPinsAreCountedAcrossAHostRestartAndResetByTheRightPin() throws Exception {
    assertEquals("55", pay(CARD, CUSTOMER, "111111", 100).responseCode());
    assertEquals("55", pay(CARD, CUSTOMER, "222222", 100).responseCode());
    assertTrue(pay(CARD, CUSTOMER, PIN, 100).approved(), "the right PIN resets the count");
    assertEquals("55", pay(CARD, CUSTOMER, "333333", 100).responseCode());
    link.close();
    link = null;
    server.close();

    startHost();
    connect();
    assertEquals("55", pay(CARD, CUSTOMER, "444444", 100).responseCode());
    assertEquals("75", pay(CARD, CUSTOMER, "555555", 100).responseCode(), "count kept on disk");
    assertEquals(30_000 - 100, server.ledger().balance(CUSTOMER));
  }

  @Test
  void cardOfAnotherAccountIsDeclined14AndMovesNothing() throws Exception {
    // The other customer's own card and PIN, but the 0200 names this customer's account in 102.
    assertEquals("14", pay(OTHER_CARD, CUSTOMER, OTHER_PIN, 8_800).responseCode());
    assertNothingMoved();
  }

  @Test
  void transferWithoutCardAndPinIsRefused30AndMovesNothing() throws Exception {
    try (RawTerminal raw =
        new RawTerminal(Link.BANK_HOST, server.port(), TERMINAL, 5_000, TMK).signOn()) {
      ISOMsg m = new ISOMsg(Mti.FINANCIAL_REQUEST);
      m.set(Field.PROCESSING_CODE, ProcessingCode.ACCOUNT_TRANSFER);
      m.set(Field.AMOUNT, "000000008800");
      m.set(Field.TRANSMISSION_DATE_TIME, "0401013000");
      m.set(Field.STAN, raw.nextStan());
      m.set(Field.TERMINAL_ID, TERMINAL);
      m.set(Field.CURRENCY, BankHostLink.CURRENCY_JPY);
      m.set(Field.FROM_ACCOUNT, CUSTOMER.value());
      m.set(Field.TO_ACCOUNT, ISSUER.value());
      assertEquals("30", raw.exchange(m).getString(Field.RESPONSE_CODE));
    }
    assertNothingMoved();
  }
}
