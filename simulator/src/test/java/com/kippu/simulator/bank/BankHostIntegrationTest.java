package com.kippu.simulator.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.bank.BankLinkConfig;
import com.kippu.atm.bank.InMemoryStanSource;
import com.kippu.atm.bank.JposBankHost;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.iso8583.BankHostLink;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.Mti;
import com.kippu.iso8583.NetworkManagementCode;
import com.kippu.iso8583.ProcessingCode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.channel.NACChannel;
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

  private BankHostServer server;
  private JposBankHost host;

  @BeforeEach
  void start() throws Exception {
    server = BankHostServer.start(dir.resolve("bank.db"), 0);
    server.ledger().openAccount(CUSTOMER, "YAMADA TARO", 20_000);
    server.ledger().openAccount(ISSUER, "KIPPU TICKETS", 0);
    server.ledger().openAccount(POOR, "SATO HANAKO", 500);
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
    assertEquals("000001", result.stan());
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
    NACChannel raw = rawChannel();
    try {
      raw.send(rawTransfer());
      assertEquals("00", raw.receive().getString(Field.RESPONSE_CODE));
      raw.send(rawTransfer());
      assertEquals("94", raw.receive().getString(Field.RESPONSE_CODE));
    } finally {
      raw.disconnect();
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
    ISOPackager packager = BankHostLink.packager();
    ISOMsg echo = new ISOMsg(Mti.NETWORK_MANAGEMENT_REQUEST);
    echo.set(Field.TRANSMISSION_DATE_TIME, "0401013000");
    echo.set(Field.STAN, "000777");
    echo.set(Field.TERMINAL_ID, "ATM00002");
    echo.set(Field.NETWORK_MANAGEMENT_CODE, NetworkManagementCode.ECHO_TEST);
    echo.setPackager(packager);

    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      writeFrame(out, "0200ZZ not an ISO message".getBytes(StandardCharsets.US_ASCII));
      writeFrame(out, echo.pack());

      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] frame = new byte[in.readUnsignedShort()];
      in.readFully(frame);
      ISOMsg answer = new ISOMsg();
      answer.setPackager(packager);
      answer.unpack(frame);
      assertEquals(Mti.NETWORK_MANAGEMENT_RESPONSE, answer.getMTI());
      assertEquals("000777", answer.getString(Field.STAN));
      assertEquals("00", answer.getString(Field.RESPONSE_CODE));
    }
    assertTrue(host.echo(), "other clients are still served");
  }

  private static TransferRequest transfer(AccountNumber from, AccountNumber to, long yen) {
    return new TransferRequest("tx-" + from.value().substring(9), from, to, Money.yen(yen));
  }

  private NACChannel rawChannel() throws Exception {
    NACChannel channel = new NACChannel("127.0.0.1", server.port(), BankHostLink.packager(), null);
    channel.connect();
    channel.setTimeout((int) TIMEOUT.toMillis());
    return channel;
  }

  /** One fixed 0200; sending it twice is a duplicate transmission (same 41, 11, 7). */
  private static ISOMsg rawTransfer() throws Exception {
    ISOMsg m = new ISOMsg(Mti.FINANCIAL_REQUEST);
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

  /** NAC framing: two-byte big-endian length, then the message. */
  private static void writeFrame(DataOutputStream out, byte[] message) throws Exception {
    out.writeShort(message.length);
    out.write(message);
    out.flush();
  }
}
