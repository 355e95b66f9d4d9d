package com.kippu.atm.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.Mti;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The link against a host that never answers 0200 but acknowledges 0420. */
class JposBankHostTimeoutTest {
  private static final Duration SHORT = Duration.ofMillis(300);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-04-01T01:30:00Z"), ZoneId.of("Asia/Tokyo"));
  private static final TransferRequest TRANSFER =
      Transfers.transfer(
          "tx-1",
          new AccountNumber("0001-001-1234567"),
          new AccountNumber("0009-100-7654321"),
          Money.yen(8_800));

  private ScriptedHost server;

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void unansweredTransferIsReversedOnceAndReportedUnavailable() throws Exception {
    int port = startSilentHost();
    try (JposBankHost host = JposBankHost.connect(config(port), new InMemoryStanSource(), CLOCK)) {
      assertThrows(BankUnavailableException.class, () -> host.transfer(TRANSFER));
    }

    List<ISOMsg> received = server.received;
    assertEquals(2, received.size());
    ISOMsg original = received.get(0);
    ISOMsg reversal = received.get(1);
    assertEquals(Mti.FINANCIAL_REQUEST, original.getMTI());
    assertEquals(Mti.REVERSAL_ADVICE, reversal.getMTI());
    // STANs 1 and 2 went to sign-on and key change.
    assertEquals("000004", reversal.getString(Field.STAN));
    assertEquals(
        "0200" + "000003" + "0401013000" + "00000000001" + "00000000000",
        reversal.getString(Field.ORIGINAL_DATA_ELEMENTS));
    assertEquals(original.getString(Field.RRN), reversal.getString(Field.RRN));
    assertEquals(original.getString(Field.AMOUNT), reversal.getString(Field.AMOUNT));
  }

  @Test
  void answerWithBadMacIsAnUnknownOutcomeAndIsReversed() throws Exception {
    server = new ScriptedHost("ATM00001", m -> "00");
    try (JposBankHost host =
        JposBankHost.connect(config(server.port()), new InMemoryStanSource(), CLOCK)) {
      server.corruptMacs();
      assertThrows(BankUnavailableException.class, () -> host.transfer(TRANSFER));
      assertEquals(1, host.pendingReversals(), "the 0430 had a bad MAC too: still queued");
    }
    assertEquals(Mti.FINANCIAL_REQUEST, server.received.get(0).getMTI());
    assertEquals(Mti.REVERSAL_ADVICE, server.received.get(1).getMTI());
  }

  @Test
  void requestsCarryAValidMacUnderTheNewWorkingKey() throws Exception {
    server = new ScriptedHost("ATM00001", m -> "00");
    try (JposBankHost host =
        JposBankHost.connect(config(server.port()), new InMemoryStanSource(), CLOCK)) {
      assertTrue(host.transfer(TRANSFER).approved());
    }
    assertTrue(server.received.get(0).hasField(Field.MAC_SECONDARY));
  }

  @Test
  void unreachableHostFailsWithinConnectTimeoutAndLeavesNoThreads() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    assertThrows(
        BankUnavailableException.class,
        () -> JposBankHost.connect(config(port), new InMemoryStanSource(), CLOCK));
    assertTrue(linkThreads().isEmpty(), linkThreads().toString());
  }

  @Test
  void closeStopsTheLinkThreads() throws Exception {
    int port = startSilentHost();
    JposBankHost host = JposBankHost.connect(config(port), new InMemoryStanSource(), CLOCK);
    assertTrue(!linkThreads().isEmpty());
    host.close();
    assertTrue(linkThreads().isEmpty(), linkThreads().toString());
  }

  private static BankLinkConfig config(int port) {
    return new BankLinkConfig(
        "127.0.0.1", port, SHORT, SHORT, "ATM00001", "KIPPU-BRANCH-01", "1", Duration.ofMillis(50));
  }

  private static List<String> linkThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(
            n ->
                n.startsWith("channel-sender-kippu-bank")
                    || n.startsWith("reversals-kippu-bank")
                    || n.startsWith("channel-receiver-kippu-bank"))
        .toList();
  }

  /** A host that records every request and answers only reversals. */
  private int startSilentHost() throws Exception {
    server =
        new ScriptedHost("ATM00001", m -> Mti.REVERSAL_ADVICE.equals(m.getString(0)) ? "00" : null);
    return server.port();
  }
}
