package com.kippu.atm.bank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.PinBlock;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.Mti;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transfer's PIN block and full card number go to the host in the 0200 and nowhere else: the
 * link state file (with its journal files) holds neither while the approval is kept, while its
 * reversal is pending, nor after, and the 0420 carries neither.
 */
class LinkStateKeepsNoPinTest {
  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static final AccountNumber CUSTOMER = new AccountNumber("0001-001-1234567");
  private static final AccountNumber ISSUER = new AccountNumber("0009-100-7654321");
  private static final CardNumber CARD = CardNumber.ofCashAccount(CUSTOMER);
  private static final byte[] BLOCK = HexFormat.of().parseHex("5AC3E1977B2D0F46");

  @TempDir Path dir;
  private ScriptedHost server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void neitherPinBlockNorCardNumberIsStoredOrSentWithTheReversal() throws Exception {
    // Transfers are approved; reversals go unanswered, so the reversal stays stored, pending.
    server =
        new ScriptedHost(
            "ATM00001", m -> Mti.FINANCIAL_REQUEST.equals(m.getString(0)) ? "00" : null);
    Path state = dir.resolve("link.db");
    TransferRequest request =
        new TransferRequest(
            "tx-pin",
            CARD,
            CUSTOMER,
            ISSUER,
            Money.yen(8_800),
            new PinBlock(BLOCK, PinBlock.Format.ISO_9564_FORMAT_0));
    try (JposBankHost host = JposBankHost.connect(config(), state, Clock.systemUTC())) {
      TransferResult approval = host.transfer(request);
      assertTrue(approval.approved());
      assertNoSecretIn(dir, "with the approval kept");

      assertThrows(BankUnavailableException.class, () -> host.reverse(request, approval));
      assertEquals(1, host.pendingReversals());
      assertNoSecretIn(dir, "with the reversal pending");
      assertTrue(
          allBytes(dir).contains(CUSTOMER.value()),
          "the pending reversal's field 102 is readable in the files scanned");
    }
    assertNoSecretIn(dir, "after close");

    ISOMsg transfer = server.received.get(0);
    assertEquals(CARD.value(), transfer.getString(Field.PAN));
    assertArrayEquals(BLOCK, transfer.getBytes(Field.PIN_BLOCK));
    List<ISOMsg> reversals =
        server.received.stream()
            .filter(m -> !Mti.FINANCIAL_REQUEST.equals(m.getString(0)))
            .toList();
    assertFalse(reversals.isEmpty());
    for (ISOMsg r : reversals) {
      assertFalse(r.hasField(Field.PAN), "0420 without field 2");
      assertFalse(r.hasField(Field.PIN_BLOCK), "0420 without field 52");
    }
  }

  private static String allBytes(Path dir) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> walk = Files.list(dir)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }

  private static void assertNoSecretIn(Path dir, String when) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.list(dir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertFalse(files.isEmpty());
    String hex = HexFormat.of().formatHex(BLOCK);
    List<String> secrets =
        List.of(
            new String(BLOCK, StandardCharsets.ISO_8859_1), hex, hex.toUpperCase(), CARD.value());
    for (Path f : files) {
      String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      for (String secret : secrets) {
        assertFalse(
            content.contains(secret),
            f.getFileName() + " holds a PIN block or card number " + when);
      }
    }
  }

  private BankLinkConfig config() {
    return new BankLinkConfig(
        "127.0.0.1", server.port(), TIMEOUT, TIMEOUT, "ATM00001", "KIPPU-BRANCH-01", "1");
  }
}
