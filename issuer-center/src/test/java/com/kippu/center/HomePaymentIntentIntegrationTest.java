package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.home.CardAuthorizer;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A home PC's payment is recorded PENDING before the center asks the card host (F13): while the
 * host has not answered, the terminal reads it as pending and a repeat asks the host nothing; a
 * reversal asked meanwhile claims it, and the approval that then arrives is taken back at the host,
 * so no sale can use it. A pending payment a stopped center left behind is resolved by the
 * terminal's reversal: at once by a center alone on its database, by one of several sharing it once
 * no center can still be waiting for the host.
 */
abstract class HomePaymentIntentIntegrationTest extends HttpsCenterTestBase {
  private static final String HOME = "HOME-0001";
  private static final long PRICE = 8_800;
  private final HeldCardHost cardHost = new HeldCardHost();
  private final ExecutorService terminal = Executors.newSingleThreadExecutor();
  private String session;

  @Override
  CardAuthorizer cardHost() {
    return cardHost;
  }

  @BeforeEach
  void loggedIn() {
    registerHomeUser();
    session = homeSession(HOME);
  }

  @AfterEach
  void released() {
    cardHost.release();
    terminal.shutdownNow();
  }

  @Test
  void anApprovalArrivingAfterItsReversalWasAskedIsTakenBackAndPaysForNothing() throws Exception {
    cardHost.hold();
    Future<CenterClient.Answer> paying = terminal.submit(() -> pay("HP-1", PRICE));
    cardHost.awaitAsked();

    assertStatus("PENDING", home("GET", "/v1/home/payments/HP-1"));
    assertStatus("PENDING", pay("HP-1", PRICE));
    CenterClient.Answer reversal = home("POST", "/v1/home/payments/HP-1/reverse");
    assertStatus("PENDING", reversal);
    assertTrue(reversal.body().path("rrn").isMissingNode(), "no host answer yet");
    cardHost.release();
    CenterClient.Answer paid = paying.get(30, TimeUnit.SECONDS);

    assertStatus("REVERSED", paid);
    assertEquals(1, cardHost.authorizations.get(), "the repeat did not ask the host again");
    assertEquals(Set.of("HP-1"), cardHost.reversed(), "the approval was taken back at the host");
    assertStatus("REVERSED", home("GET", "/v1/home/payments/HP-1"));
    CenterClient.Answer sale = buy(paid.body());
    assertEquals(409, sale.status(), sale.text());
    assertEquals("PAYMENT_NOT_APPROVED", sale.error(), sale.text());
  }

  @Test
  void aDeclineArrivingAfterItsReversalWasAskedStaysDeclined() throws Exception {
    cardHost.hold();
    Future<CenterClient.Answer> paying = terminal.submit(() -> pay("HP-2", 1_099));
    cardHost.awaitAsked();
    assertStatus("PENDING", home("POST", "/v1/home/payments/HP-2/reverse"));
    cardHost.release();

    assertStatus("DECLINED", paying.get(30, TimeUnit.SECONDS));
    assertStatus("DECLINED", home("GET", "/v1/home/payments/HP-2"));
    assertEquals(Set.of(), cardHost.reversed(), "nothing to take back");
  }

  @Test
  void aPendingPaymentAStoppedCenterLeftIsResolvedByTheTerminalsReversal() throws Exception {
    // The center stopped while asking the host: HP-3 was approved there, HP-4 never reached it.
    cardHost.authorize("HP-3", "4111110000002225", "3012", PRICE);
    server.close();
    pending("HP-3");
    pending("HP-4");
    server = IssuerCenterServer.start(started.withPort(0), clock, homeRails());
    client = client(server.baseUri());

    assertStatus("PENDING", home("GET", "/v1/home/payments/HP-3"));
    assertStatus("REVERSED", home("POST", "/v1/home/payments/HP-3/reverse"));
    assertEquals(Set.of("HP-3"), cardHost.reversed(), "the kept approval was taken back");

    if (started.store().isPostgres()) { // another center sharing the database may be waiting
      assertStatus("PENDING", home("POST", "/v1/home/payments/HP-4/reverse"));
      clock.advance(Duration.ofMinutes(2));
    }
    assertStatus("REVERSED", home("POST", "/v1/home/payments/HP-4/reverse"));
    assertStatus("REVERSED", pay("HP-4", PRICE));
    assertEquals(1, cardHost.authorizations.get(), "HP-4 never reached the host");
  }

  @Test
  void anUnreachableHostLeavesThePaymentPendingUntilItIsTakenBack() {
    cardHost.reachable(false);
    CenterClient.Answer down = pay("HP-5", PRICE);
    assertEquals(503, down.status(), down.text());
    assertStatus("PENDING", home("GET", "/v1/home/payments/HP-5"));
    assertEquals(503, home("POST", "/v1/home/payments/HP-5/reverse").status());

    cardHost.reachable(true);
    clock.advance(Duration.ofMinutes(2));
    assertStatus("REVERSED", home("POST", "/v1/home/payments/HP-5/reverse"));
    assertEquals(0, cardHost.authorizations.get());
  }

  /** A PENDING row written as a center writes it before it asks the host. */
  private void pending(String reference) throws Exception {
    CenterConfig.Store store = started.store();
    try (Connection db =
            store.isPostgres()
                ? DriverManager.getConnection(
                    store.postgresUrl(), store.postgresUser(), store.postgresPassword())
                : DriverManager.getConnection("jdbc:sqlite:" + store.sqliteFile());
        PreparedStatement ps =
            db.prepareStatement(
                "INSERT INTO home_payment (reference, user_id, terminal_id, amount_yen,"
                    + " masked_card, status, method, started_at)"
                    + " VALUES (?, 'hanako01', ?, ?, '411111******2225', 'PENDING', 'CARD', ?)")) {
      ps.setString(1, reference);
      ps.setString(2, HOME);
      ps.setLong(3, PRICE);
      ps.setLong(4, clock.instant().toEpochMilli());
      assertEquals(1, ps.executeUpdate());
    }
  }

  private CenterClient.Answer pay(String reference, long yen) {
    return home(
        "POST",
        "/v1/home/payments",
        CenterClient.object().put("reference", reference).put("amountYen", yen));
  }

  private CenterClient.Answer home(String method, String path) {
    return home(method, path, null);
  }

  private CenterClient.Answer home(String method, String path, ObjectNode body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.baseUri().resolve(path))
            .header("X-Terminal-Id", HOME)
            .header("X-Home-Session", session);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    return client.send(b.build());
  }

  /** A direct purchase of a seat of the seeded event, paid by the proof of {@code paid}. */
  private CenterClient.Answer buy(JsonNode paid) {
    ObjectNode proof =
        CenterClient.object()
            .put("method", "CREDIT_CARD")
            .put("amountYen", PRICE)
            .put("reference", paid.get("rrn").asText())
            .put("approvalCode", paid.get("approvalCode").asText())
            .put("stan", paid.get("stan").asText())
            .put("paidAt", paid.get("paidAt").asText())
            .put("acquirer", "KIPPU-CENTER");
    proof.putObject("details").put("maskedCard", paid.get("maskedCard").asText());
    ObjectNode body = CenterClient.purchase("P-1", "CARD-0001", "A-1-1", 1, "-");
    body.set("payment", proof);
    return client.post("/v1/purchases", body, HOME);
  }

  private static void assertStatus(String expected, CenterClient.Answer a) {
    assertEquals(200, a.status(), a.text());
    assertEquals(expected, a.body().get("status").asText(), a.text());
  }

  /** The test card host, whose authorizations wait while held until released. */
  private static final class HeldCardHost implements CardAuthorizer {
    final AtomicInteger authorizations = new AtomicInteger();
    private final TestCardHost host = new TestCardHost();
    private final CountDownLatch asked = new CountDownLatch(1);
    private volatile CountDownLatch held = new CountDownLatch(0);

    void hold() {
      held = new CountDownLatch(1);
    }

    void release() {
      held.countDown();
    }

    void reachable(boolean answers) {
      host.reachable(answers);
    }

    void awaitAsked() throws InterruptedException {
      assertTrue(asked.await(30, TimeUnit.SECONDS), "the center never asked the host");
    }

    Set<String> reversed() {
      return host.reversed();
    }

    @Override
    public Authorization authorize(
        String reference, String cardNumber, String expiryYymm, long amountYen)
        throws UnavailableException {
      asked.countDown();
      try {
        held.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnavailableException("interrupted while held", e);
      }
      Authorization answer = host.authorize(reference, cardNumber, expiryYymm, amountYen);
      authorizations.incrementAndGet();
      return answer;
    }

    @Override
    public boolean reverse(String reference) throws UnavailableException {
      return host.reverse(reference);
    }
  }
}
