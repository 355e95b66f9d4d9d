package com.kippu.simulator.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.bank.BankLinkConfig;
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
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.simulator.network.CardNetworkServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full set of transactions (transfers with the cash card's PIN approved and declined, also for a
 * wrong PIN, PIN debits with wrong and right PINs, a lost answer and its reversal, explicit
 * reversals, a credit authorization), then every log record captured at every level and every file
 * the hosts and the terminal wrote is searched for the test card numbers, account numbers, PINs and
 * the transfers' PIN blocks: none may appear in full.
 */
class NoSecretsLeakIntegrationTest {
  private static final String TERMINAL = "ATM00001";
  private static final AccountNumber CUSTOMER = new AccountNumber("0001-001-4829157");
  private static final AccountNumber ISSUER = new AccountNumber("0009-100-7316284");
  private static final CardNumber DEBIT_CARD = new CardNumber("4980003817264950");
  private static final CardNumber CREDIT_CARD = new CardNumber("4111117263549182");
  private static final CardNumber CASH_CARD = CardNumber.ofCashAccount(CUSTOMER);
  private static final String PIN = "739164";
  private static final String CASH_PIN = "906142";

  /** The PIN blocks of the transfers sent, to be searched for like the clear PINs. */
  private static final List<byte[]> PIN_BLOCKS = new CopyOnWriteArrayList<>();

  private static final String WRONG_PIN = "582913";
  private static final CardExpiry EXPIRY = CardExpiry.of(2027, 12);
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-04-01T01:30:00Z"), ZoneId.of("Asia/Tokyo"));

  @TempDir Path dir;

  @Test
  void noLogRecordAndNoFileHoldsACardNumberAccountNumberOrPin() throws Exception {
    Capture capture = new Capture();
    Logger root = Logger.getLogger("");
    Level previous = root.getLevel();
    root.addHandler(capture);
    root.setLevel(Level.ALL);
    try {
      runTransactions();
    } finally {
      root.removeHandler(capture);
      root.setLevel(previous);
    }

    List<String> secrets =
        new ArrayList<>(
            List.of(
                CUSTOMER.value(),
                CUSTOMER.value().replace("-", ""),
                ISSUER.value(),
                ISSUER.value().replace("-", ""),
                DEBIT_CARD.value(),
                CREDIT_CARD.value(),
                CASH_CARD.value(),
                PIN,
                CASH_PIN,
                WRONG_PIN));
    assertFalse(PIN_BLOCKS.isEmpty());
    for (byte[] block : PIN_BLOCKS) {
      secrets.add(new String(block, StandardCharsets.ISO_8859_1));
      secrets.add(HexFormat.of().formatHex(block));
      secrets.add(HexFormat.of().withUpperCase().formatHex(block));
    }
    String logs = capture.text();
    assertTrue(logs.length() > 1_000, "logs were captured");
    for (String secret : secrets) {
      assertFalse(
          logs.contains(secret), "a log record contains a secret of length " + secret.length());
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertTrue(files.size() >= 3, files.toString());
    for (Path f : files) {
      String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      for (String secret : secrets) {
        assertFalse(content.contains(secret), f.getFileName() + " contains a secret");
      }
    }
  }

  private void runTransactions() throws Exception {
    SoftwarePinPad pad = new SoftwarePinPad(TERMINAL);
    try (BankHostServer bank =
            BankHostServer.start(dir.resolve("bank.db"), HostOptions.defaults(0).withClock(CLOCK));
        CardNetworkServer cards =
            CardNetworkServer.start(
                dir.resolve("cards.db"), HostOptions.defaults(0).withClock(CLOCK))) {
      bank.ledger().openAccount(CUSTOMER, "YAMADA TARO", 30_000);
      bank.ledger().openAccount(ISSUER, "KIPPU TICKETS", 0);
      bank.issueDebitCard(DEBIT_CARD, EXPIRY, CUSTOMER, PIN.toCharArray());
      bank.issueCashCard(CASH_CARD, CUSTOMER, CASH_PIN.toCharArray());
      cards.issueCard(CREDIT_CARD, AuthorizationRequest.Kind.CREDIT, EXPIRY, 50_000);
      LinkSetup bankSetup =
          LinkSetup.bankHost(
                  TerminalSecurity.withMasterKey(
                      TerminalSecurity.developmentMasterKey(TERMINAL), new SecureRandom()))
              .withPinPad(pad);
      try (JposBankHost link =
              JposBankHost.connect(
                  config(bank.port()), bankSetup, dir.resolve("terminal.db"), CLOCK);
          JposBankHost cardLink =
              JposBankHost.connect(
                  config(cards.port()),
                  LinkSetup.cardNetwork(
                      TerminalSecurity.withMasterKey(
                          TerminalSecurity.developmentMasterKey(TERMINAL), new SecureRandom())),
                  dir.resolve("terminal-cards.db"),
                  CLOCK)) {
        TransferRequest transfer = transfer(pad, "tx-1", CASH_PIN, 8_800);
        TransferResult approved = link.transfer(transfer);
        assertTrue(approved.approved());
        assertEquals("51", link.transfer(transfer(pad, "tx-2", CASH_PIN, 900_000)).responseCode());
        assertEquals("55", link.transfer(transfer(pad, "tx-5", WRONG_PIN, 100)).responseCode());
        link.reverse(transfer, approved);

        assertEquals("55", link.authorize(debit(pad, WRONG_PIN)).responseCode());
        AuthorizationRequest debit = debit(pad, PIN);
        AuthorizationResult debitOk = link.authorize(debit);
        assertTrue(debitOk.approved());
        link.reverse(debit, debitOk);

        bank.dropResponses(1);
        assertThrows(
            BankUnavailableException.class,
            () -> link.transfer(transfer(pad, "tx-3", CASH_PIN, 100)));
        assertTrue(link.awaitNoPendingReversals(Duration.ofSeconds(10)));

        AuthorizationResult credit =
            cardLink.authorize(
                new AuthorizationRequest(
                    "tx-4",
                    AuthorizationRequest.Kind.CREDIT,
                    CREDIT_CARD,
                    EXPIRY,
                    null,
                    Money.yen(2_000),
                    null));
        assertTrue(credit.approved());
      }
      assertEquals(30_000, bank.ledger().balance(CUSTOMER));
    }
  }

  private static TransferRequest transfer(SoftwarePinPad pad, String id, String pin, long yen) {
    TransferRequest t = CashCards.transfer(pad, pin, id, CUSTOMER, ISSUER, yen);
    PIN_BLOCKS.add(t.pin().encrypted());
    return t;
  }

  private static AuthorizationRequest debit(SoftwarePinPad pad, String pin) throws Exception {
    pad.willEnter(pin);
    return new AuthorizationRequest(
        "tx-d",
        AuthorizationRequest.Kind.DEBIT,
        DEBIT_CARD,
        EXPIRY,
        pad.readPin(DEBIT_CARD),
        Money.yen(1_000),
        ISSUER);
  }

  private static BankLinkConfig config(int port) {
    return new BankLinkConfig(
            "127.0.0.1",
            port,
            TIMEOUT,
            TIMEOUT,
            TERMINAL,
            "KIPPU-BRANCH-01",
            "0001",
            Duration.ofMillis(50))
        .withReversalRetryInterval(Duration.ofMillis(200));
  }

  /** Every record as formatted text, with its parameters and its exception's full stack text. */
  private static final class Capture extends Handler {
    private final List<String> lines = new ArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public synchronized void publish(LogRecord r) {
      StringBuilder b = new StringBuilder(formatter.format(r));
      b.append(r.getMessage());
      if (r.getParameters() != null) {
        for (Object p : r.getParameters()) {
          b.append(' ').append(p);
        }
      }
      if (r.getThrown() != null) {
        StringWriter w = new StringWriter();
        r.getThrown().printStackTrace(new PrintWriter(w));
        b.append(w);
      }
      lines.add(b.toString());
    }

    synchronized String text() {
      return String.join("\n", lines);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
