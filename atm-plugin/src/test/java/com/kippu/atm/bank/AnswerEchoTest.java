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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.UnaryOperator;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An answer settles only the request it was made for: a properly MACed 0210 that does not echo the
 * request's processing code, amount, STAN, terminal or accounts, or that is a security refusal
 * (63), is no answer. The reversal stays and is sent.
 */
class AnswerEchoTest {
  /** Every answer comes at once; the bound only covers a sign-on on a busy machine. */
  private static final Duration SHORT = Duration.ofMillis(2_000);

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
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void answerWithAnotherAmountIsNoAnswerAndTheTransferIsReversed() throws Exception {
    assertReversedWhenTheAnswerIs(financialOnly(a -> set(a, Field.AMOUNT, "000000000100")));
  }

  @Test
  void answerWithAnotherProcessingCodeIsNoAnswer() throws Exception {
    assertReversedWhenTheAnswerIs(financialOnly(a -> set(a, Field.PROCESSING_CODE, "310000")));
  }

  @Test
  void answerNamingOtherAccountsIsNoAnswer() throws Exception {
    assertReversedWhenTheAnswerIs(financialOnly(a -> set(a, Field.TO_ACCOUNT, "00091000000001")));
    assertReversedWhenTheAnswerIs(financialOnly(a -> unset(a, Field.FROM_ACCOUNT)));
  }

  @Test
  void macedSecurityRefusalIsNoAnswerAndTheTransferIsReversed() throws Exception {
    assertReversedWhenTheAnswerIs(
        financialOnly(
            a -> {
              set(a, Field.RESPONSE_CODE, "63");
              unset(a, Field.APPROVAL_CODE);
              return a;
            }));
  }

  @Test
  void echoDifferenceNamesTheFirstFieldThatDiffers() throws Exception {
    ISOMsg request = new ISOMsg("0200");
    request.set(Field.PROCESSING_CODE, "400000");
    request.set(Field.STAN, "000003");
    ISOMsg answer = (ISOMsg) request.clone();
    answer.setResponseMTI();
    assertEquals(0, LinkExchange.firstEchoDifference(request, answer));
    answer.set(Field.AMOUNT, "000000000100");
    assertEquals(Field.AMOUNT, LinkExchange.firstEchoDifference(request, answer));
  }

  private void assertReversedWhenTheAnswerIs(UnaryOperator<ISOMsg> rewrite) throws Exception {
    if (server != null) {
      server.close();
    }
    server = new ScriptedHost("ATM00001", m -> "00");
    try (JposBankHost host =
        JposBankHost.connect(config(server.port()), new InMemoryStanSource(), CLOCK)) {
      server.rewriteAnswers(rewrite);
      assertThrows(BankUnavailableException.class, () -> host.transfer(TRANSFER));
      assertTrue(host.awaitNoPendingReversals(Duration.ofSeconds(5)), "0430 confirmed");
    }
    assertEquals(Mti.FINANCIAL_REQUEST, server.received.get(0).getMTI());
    assertEquals(Mti.REVERSAL_ADVICE, server.received.get(1).getMTI());
  }

  /** Rewrites 0210 answers only, so the 0430 confirming the reversal stays genuine. */
  private static UnaryOperator<ISOMsg> financialOnly(UnaryOperator<ISOMsg> r) {
    return a -> Mti.FINANCIAL_RESPONSE.equals(a.getString(0)) ? r.apply(a) : a;
  }

  private static ISOMsg set(ISOMsg m, int field, String value) {
    try {
      m.set(field, value);
      return m;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ISOMsg unset(ISOMsg m, int field) {
    m.unset(field);
    return m;
  }

  private static BankLinkConfig config(int port) {
    return new BankLinkConfig(
        "127.0.0.1", port, SHORT, SHORT, "ATM00001", "KIPPU-BRANCH-01", "1", Duration.ofMillis(50));
  }
}
