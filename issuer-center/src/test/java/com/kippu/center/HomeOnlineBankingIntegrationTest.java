package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.home.BankAuthorizer;
import com.kippu.center.home.CardAuthorizer;
import com.kippu.center.home.HomeRails;
import com.kippu.center.testdb.TestStore;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * F13 online banking (S2 ¶51): a logged-in home PC user pays from their bank account; the center,
 * not the PC, orders the transfer at the bank, records the answer under the terminal's reference
 * and takes an approval back on {@code /reverse}. A repeat asks the bank nothing, a decline is
 * recorded as such, and the PIN is never stored.
 */
class HomeOnlineBankingIntegrationTest extends HttpsCenterTestBase {
  private static final String ACCOUNT = "0001-001-1234567";
  private static final String POOR_ACCOUNT = "0001-001-7654321";
  private static final String ISSUER = "0001-999-0000001";
  private static final String PIN = "8264";

  private final FakeBank bank = new FakeBank();
  private String session;

  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  @Override
  HomeRails homeRails() {
    return new HomeRails(CardAuthorizer.NONE, bank);
  }

  @BeforeEach
  void logIn() {
    registerHomeUser();
    session = homeSession("HOME-0001");
  }

  private CenterClient.Answer payByBank(String reference, long yen, String account) {
    ObjectNode body = CenterClient.object().put("reference", reference).put("amountYen", yen);
    body.putObject("onlineBanking")
        .put("account", account)
        .put("payeeAccount", ISSUER)
        .put("pin", PIN);
    return post("/v1/home/payments", body);
  }

  private CenterClient.Answer post(String path, ObjectNode body) {
    return client.send(
        HttpRequest.newBuilder(server.baseUri().resolve(path))
            .header("Content-Type", "application/json")
            .header("X-Terminal-Id", "HOME-0001")
            .header("X-Home-Session", session)
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    body.toString().getBytes(StandardCharsets.UTF_8)))
            .build());
  }

  private CenterClient.Answer get(String path) {
    return client.send(
        HttpRequest.newBuilder(server.baseUri().resolve(path))
            .header("X-Terminal-Id", "HOME-0001")
            .GET()
            .build());
  }

  @Test
  void theCenterOrdersTheTransferAtTheBankAndRecordsItsApproval() throws Exception {
    CenterClient.Answer paid = payByBank("R-1", 8_800, ACCOUNT);

    assertEquals(200, paid.status(), paid.text());
    assertEquals("ONLINE_BANKING", paid.body().get("method").asText());
    assertEquals("APPROVED", paid.body().get("status").asText());
    assertEquals("0001-001-***4567", paid.body().get("maskedAccount").asText());
    assertFalse(paid.body().has("maskedCard"), paid.text());
    assertEquals(List.of("R-1 " + ACCOUNT + " -> " + ISSUER + " 8800 pin ok"), bank.asked);
    CenterClient.Answer recorded = get("/v1/home/payments/R-1");
    assertEquals(paid.body(), recorded.body(), "the terminal's recovery finds the same answer");
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains(ACCOUNT), "no account in clear in " + f);
      }
    }
  }

  @Test
  void aDeclineIsRecordedAndAnsweredWithTheBanksCode() {
    CenterClient.Answer refused = payByBank("R-2", 8_800, POOR_ACCOUNT);

    assertEquals(200, refused.status(), refused.text());
    assertEquals("DECLINED", refused.body().get("status").asText());
    assertEquals("51", refused.body().get("responseCode").asText());
    CenterClient.Answer reversed = post("/v1/home/payments/R-2/reverse", CenterClient.object());
    assertEquals("DECLINED", reversed.body().get("status").asText(), "nothing to take back");
    assertTrue(bank.reversed.isEmpty(), "no reversal for a decline");
  }

  @Test
  void aRepeatIsAnsweredFromTheRecordAndAnotherUseOfTheReferenceIsRefused() {
    CenterClient.Answer first = payByBank("R-3", 8_800, ACCOUNT);
    CenterClient.Answer again = payByBank("R-3", 8_800, ACCOUNT);

    assertEquals(first.body(), again.body());
    assertEquals(1, bank.asked.size(), "the bank was asked once: nothing is paid twice");
    CenterClient.Answer otherAmount = payByBank("R-3", 9_000, ACCOUNT);
    assertEquals(409, otherAmount.status(), otherAmount.text());
    assertEquals("REFERENCE_REUSED", otherAmount.error());
    CenterClient.Answer byCard =
        post(
            "/v1/home/payments",
            CenterClient.object().put("reference", "R-3").put("amountYen", 8_800));
    assertEquals(409, byCard.status(), "the same reference by card is another payment");
    assertEquals(1, bank.asked.size());
  }

  @Test
  void anApprovalIsTakenBackAtTheBankOnce() {
    payByBank("R-4", 8_800, ACCOUNT);

    CenterClient.Answer reversed = post("/v1/home/payments/R-4/reverse", CenterClient.object());
    CenterClient.Answer again = post("/v1/home/payments/R-4/reverse", CenterClient.object());

    assertEquals(200, reversed.status(), reversed.text());
    assertEquals("REVERSED", reversed.body().get("status").asText());
    assertEquals("REVERSED", again.body().get("status").asText());
    assertEquals(List.of("R-4"), bank.reversed, "the bank reversed it once");
    assertEquals("REVERSED", get("/v1/home/payments/R-4").body().get("status").asText());
  }

  /** The center records a payment before it asks the bank: no record, no bank to ask. */
  @Test
  void anUnrecordedReferenceIsNotFoundAndTheBankIsNotAsked() {
    CenterClient.Answer reversed = post("/v1/home/payments/R-8/reverse", CenterClient.object());

    assertEquals(404, reversed.status(), reversed.text());
    assertEquals("PAYMENT_NOT_FOUND", reversed.error());
    assertTrue(bank.reversed.isEmpty(), bank.reversed.toString());
  }

  @Test
  void anUnreachableBankIsA503AndWhatItsLinkKeptIsTakenBack() {
    bank.down = true;

    CenterClient.Answer down = payByBank("R-5", 8_800, ACCOUNT);

    assertEquals(503, down.status(), down.text());
    assertEquals("BANK_UNAVAILABLE", down.error());
    assertEquals(List.of("R-5"), bank.reversed);
    assertEquals("REVERSED", get("/v1/home/payments/R-5").body().get("status").asText());
    bank.down = false;
    CenterClient.Answer again = payByBank("R-5", 8_800, ACCOUNT);
    assertEquals("REVERSED", again.body().get("status").asText(), "the bank is not asked again");
    assertTrue(bank.asked.isEmpty(), bank.asked.toString());
  }

  @Test
  void malformedOrdersAreRefusedBeforeTheBankIsAsked() {
    ObjectNode body = CenterClient.object().put("reference", "R-6").put("amountYen", 8_800);
    body.putObject("onlineBanking")
        .put("account", ACCOUNT)
        .put("payeeAccount", ISSUER)
        .put("pin", "12");
    CenterClient.Answer shortPin = post("/v1/home/payments", body);
    ObjectNode both = payload("R-7");
    both.putObject("card").put("number", "4111110000002225").put("expiry", "3012");
    CenterClient.Answer cardAndBank = post("/v1/home/payments", both);

    assertEquals(400, shortPin.status(), shortPin.text());
    assertEquals(400, cardAndBank.status(), cardAndBank.text());
    assertTrue(bank.asked.isEmpty());
  }

  private static ObjectNode payload(String reference) {
    ObjectNode body = CenterClient.object().put("reference", reference).put("amountYen", 8_800);
    body.putObject("onlineBanking")
        .put("account", ACCOUNT)
        .put("payeeAccount", ISSUER)
        .put("pin", PIN);
    return body;
  }

  /** A bank that approves {@link #ACCOUNT} with {@link #PIN} and declines the poor account. */
  private static final class FakeBank implements BankAuthorizer {
    final List<String> asked = new ArrayList<>();
    final List<String> reversed = new ArrayList<>();
    volatile boolean down;

    @Override
    public synchronized CardAuthorizer.Authorization transfer(
        String reference, String fromAccount, char[] pin, String toAccount, long amountYen)
        throws CardAuthorizer.UnavailableException {
      if (down) {
        throw new CardAuthorizer.UnavailableException("bank host down");
      }
      boolean pinOk = new String(pin).equals(PIN);
      asked.add(
          reference
              + " "
              + fromAccount
              + " -> "
              + toAccount
              + " "
              + amountYen
              + (pinOk ? " pin ok" : " pin wrong"));
      String code = !pinOk ? "55" : fromAccount.equals(ACCOUNT) ? "00" : "51";
      return new CardAuthorizer.Authorization(
          code,
          "RRN" + String.format("%09d", asked.size()),
          code.equals("00") ? "B00001" : "",
          String.format("%06d", asked.size()),
          Instant.parse("2026-12-01T01:00:00Z"));
    }

    @Override
    public synchronized boolean reverse(String reference) {
      reversed.add(reference);
      return true;
    }
  }
}
