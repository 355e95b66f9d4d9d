package com.kippu.atm.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.Mti;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order of the money guarantees on a real state file, seen from outside the link: when a
 * request reaches the host its reversal is already committed, and when an approval is reported its
 * reversal is already gone, also with many callers at once.
 */
class JposBankHostArmingTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final AccountNumber ISSUER = new AccountNumber("0009-100-7654321");

  @TempDir Path dir;

  private ScriptedHost server;
  private final ExecutorService callers = Executors.newFixedThreadPool(16);

  @AfterEach
  void stop() throws Exception {
    callers.shutdownNow();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void requestLeavesOnlyWithItsReversalCommittedAndApprovalIsReportedAfterItIsKept()
      throws Exception {
    Path state = dir.resolve("link.db");
    Map<String, String> stateAtArrival = new ConcurrentHashMap<>();
    server =
        new ScriptedHost(
            "ATM00001",
            m -> {
              String stan = m.getString(Field.STAN);
              stateAtArrival.put(stan, reversalState(state, stan));
              return "00";
            });
    List<TransferResult> results = new ArrayList<>();
    try (JposBankHost host =
        JposBankHost.connect(config(server.port()), state, Clock.systemUTC())) {
      List<Future<TransferResult>> calls = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        AccountNumber from = new AccountNumber(String.format("0001-001-%07d", i));
        calls.add(
            callers.submit(
                () -> {
                  TransferResult r =
                      host.transfer(Transfers.transfer("tx", from, ISSUER, Money.yen(100)));
                  assertEquals(
                      "APPROVED",
                      reversalState(state, r.stan()),
                      "kept as approved (not armed) before the approval is reported");
                  return r;
                }));
      }
      for (Future<TransferResult> f : calls) {
        results.add(f.get());
      }
      assertEquals(0, host.pendingReversals());
    }
    Set<String> stans = new HashSet<>();
    for (TransferResult r : results) {
      assertTrue(r.approved());
      stans.add(r.stan());
      assertEquals("ARMED", stateAtArrival.get(r.stan()), "reversal committed before the 0200");
    }
    assertEquals(64, stans.size(), "every transfer its own STAN");
    assertEquals(64, server.received.size());
  }

  @Test
  void unansweredRequestStillEndsInAStoredReversal() throws Exception {
    Path state = dir.resolve("link.db");
    server =
        new ScriptedHost(
            "ATM00001",
            m -> Mti.REVERSAL_ADVICE.equals(m.getString(0)) || !isFirst(m) ? "00" : null);
    BankLinkConfig config =
        new BankLinkConfig(
            "127.0.0.1",
            server.port(),
            // Long enough for a sign-on on a busy machine; the unanswered 0200 waits it out once.
            Duration.ofMillis(2_000),
            Duration.ofMillis(2_000),
            "ATM00001",
            "KIPPU-BRANCH-01",
            "1",
            Duration.ofMillis(50));
    try (JposBankHost host = JposBankHost.connect(config, state, Clock.systemUTC())) {
      TransferRequest first =
          Transfers.transfer(
              "tx-1", new AccountNumber("0001-001-1234567"), ISSUER, Money.yen(8_800));
      assertThrows(BankUnavailableException.class, () -> host.transfer(first));
      assertEquals(0, host.pendingReversals(), "confirmed by the 0430 at once");
      assertTrue(
          host.transfer(
                  Transfers.transfer(
                      "tx-2", new AccountNumber("0001-001-7654321"), ISSUER, Money.yen(100)))
              .approved());
    }
    assertEquals(Mti.FINANCIAL_REQUEST, server.received.get(0).getMTI());
    assertEquals(Mti.REVERSAL_ADVICE, server.received.get(1).getMTI());
    assertEquals(Mti.FINANCIAL_REQUEST, server.received.get(2).getMTI());
  }

  @Test
  void approvalKeptAcrossARestartIsReversedOnRequestAndForgottenWhenSettled() throws Exception {
    Path state = dir.resolve("link.db");
    server = new ScriptedHost("ATM00001", m -> "00");
    TransferRequest kept =
        Transfers.transfer(
            "tx-kept", new AccountNumber("0001-001-1234567"), ISSUER, Money.yen(8_800));
    TransferRequest settled =
        Transfers.transfer(
            "tx-settled", new AccountNumber("0001-001-7654321"), ISSUER, Money.yen(100));
    TransferResult approval;
    TransferResult settledApproval;
    try (JposBankHost host =
        JposBankHost.connect(config(server.port()), state, Clock.systemUTC())) {
      approval = host.transfer(kept);
      assertTrue(approval.approved());
      settledApproval = host.transfer(settled);
      assertTrue(settledApproval.approved());
      host.settled(settled.transactionId());
    }

    try (JposBankHost restarted =
        JposBankHost.connect(config(server.port()), state, Clock.systemUTC())) {
      assertEquals(0, restarted.pendingReversals(), "an approval is not reversed by a restart");
      assertFalse(restarted.reverseApproved(settled.transactionId()), "settled: nothing kept");
      assertTrue(restarted.reverseApproved(kept.transactionId()));
      assertEquals(0, restarted.pendingReversals(), "confirmed by the 0430");
    }
    int sent = server.received.size();
    try (JposBankHost again =
        JposBankHost.connect(config(server.port()), state, Clock.systemUTC())) {
      // A crash before recovery journaled the outcome: asked again, the reversal was made.
      assertTrue(again.reverseApproved(kept.transactionId()), "already reversed");
      assertEquals(0, again.pendingReversals());
    }
    assertEquals(sent, server.received.size(), "not sent again");

    ISOMsg reversal = server.received.get(server.received.size() - 1);
    assertEquals(Mti.REVERSAL_ADVICE, reversal.getMTI());
    assertEquals(
        approval.stan(), reversal.getString(Field.ORIGINAL_DATA_ELEMENTS).substring(4, 10));
    assertEquals("0001-001-1234567", reversal.getString(Field.FROM_ACCOUNT));
    assertEquals(3, server.received.size(), "two 0200s and one 0420; nothing for the settled one");
    assertEquals("CONFIRMED", reversalState(state, approval.stan()), "kept as confirmed");
    assertEquals("none", reversalState(state, settledApproval.stan()), "settled: row deleted");
  }

  private static boolean isFirst(ISOMsg m) {
    return "000003".equals(m.getString(Field.STAN));
  }

  private static BankLinkConfig config(int port) {
    return new BankLinkConfig(
        "127.0.0.1", port, TIMEOUT, TIMEOUT, "ATM00001", "KIPPU-BRANCH-01", "1");
  }

  /** The state of the reversal of the 0200 with {@code stan}, read through a second connection. */
  private static String reversalState(Path file, String stan) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        PreparedStatement ps =
            c.prepareStatement("SELECT state FROM reversals WHERE original_stan = ?")) {
      ps.setString(1, stan);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : "none";
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
