package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.testdb.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running center on a fresh store with the operator token set, a fast PIN hash and the outbox
 * relay off (tests deliver by hand); subclasses pick the engine.
 */
abstract class CenterTestBase {
  static final int TEST_PIN_ITERATIONS = 10_000;
  static final String ALLOWED_SALES_HOST = "sales.issuer.example";

  /** The test cards' authentication master key: the cards "answer" under keys derived from it. */
  static final String CARD_AUTH_KEY =
      "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

  @TempDir Path dir;
  final TestClock clock = new TestClock(Instant.parse("2026-12-01T01:00:00Z"));
  IssuerCenterServer server;
  CenterClient client;

  abstract TestStore store();

  @BeforeEach
  void startCenter() throws Exception {
    CenterConfig config = CenterConfig.development(store().create(dir));
    config =
        config
            .withPort(0)
            .withSweepInterval(Duration.ZERO)
            .withBusiness(
                config
                    .business()
                    .withAdminToken(CenterClient.ADMIN_TOKEN)
                    .withSalesHosts(java.util.Set.of(ALLOWED_SALES_HOST))
                    .withPinIterations(TEST_PIN_ITERATIONS)
                    .withOutboxInterval(Duration.ZERO)
                    .withRecharge(rechargeLimits())
                    .withUsers(userSecurity()));
    started = adjusted(config);
    server = IssuerCenterServer.start(started, clock, homeRails());
    client = client(server.baseUri());
  }

  /** The hosts the center asks for home PC payments: the card host of {@link #cardHost}. */
  com.kippu.center.home.HomeRails homeRails() {
    return com.kippu.center.home.HomeRails.cards(cardHost());
  }

  /** The configuration the center was started with. */
  CenterConfig started;

  /** Stops the center and starts it again on the same files (a restart, or another node). */
  void restartCenter() throws Exception {
    server.close();
    server = IssuerCenterServer.start(started.withPort(0), clock, homeRails());
    client = client(server.baseUri());
  }

  /** The center's configuration as a test wants it beyond the common one (e.g. HTTPS). */
  CenterConfig adjusted(CenterConfig config) throws Exception {
    return config;
  }

  /** The card host the home PC's payments reach; none by default (they answer 503). */
  com.kippu.center.home.CardAuthorizer cardHost() {
    return com.kippu.center.home.CardAuthorizer.NONE;
  }

  /** The client the tests speak through. */
  CenterClient client(java.net.URI base) throws Exception {
    return new CenterClient(base, clock);
  }

  /** The recharge limits the center runs with (F11); a test may raise or lower them. */
  com.kippu.center.card.RechargeLimits rechargeLimits() {
    return com.kippu.center.card.RechargeLimits.DEFAULT;
  }

  /**
   * The card key of the test cards and, so that the per-user tests are not throttled, a terminal
   * limit far above any of them; a test of the terminal throttle sets its own.
   */
  UserSecurity userSecurity() {
    return UserSecurity.defaults()
        .withCardAuthKey(CARD_AUTH_KEY)
        .withTerminalLimit(1_000, Duration.ofMinutes(15));
  }

  @AfterEach
  void stopCenter() {
    if (server != null) {
      server.close();
    }
  }

  /**
   * What card {@code card} in terminal {@code terminal} answers to a fresh challenge of the center:
   * the {@code cardProof} object of a link or reissue request.
   */
  ObjectNode cardProof(String card, String terminal) {
    CenterClient.Answer c =
        client.post("/v1/cards/" + card + "/challenge", CenterClient.object(), terminal);
    assertEquals(201, c.status(), c.text());
    byte[] challenge = java.util.Base64.getDecoder().decode(c.body().get("challenge").asText());
    return CenterClient.object()
        .put("challengeId", c.body().get("challengeId").asText())
        .put(
            "response",
            java.util.Base64.getEncoder()
                .encodeToString(cardAnswer(CARD_AUTH_KEY, card, challenge)));
  }

  /** A card's answer as its chip computes it (devices' CardAuthentication). */
  static byte[] cardAnswer(String masterHex, String card, byte[] challenge) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              java.util.HexFormat.of().parseHex(masterHex), "HmacSHA256"));
      mac.update("kippu/chip-auth/v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      byte[] cardKey = mac.doFinal(card.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      mac.init(new javax.crypto.spec.SecretKeySpec(cardKey, "HmacSHA256"));
      return mac.doFinal(challenge);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Enrols (or updates) an issuer as the operator; returns the answer. */
  CenterClient.Answer enrol(String issuerId, String kind, int feeBps, String endpoint) {
    ObjectNode body =
        CenterClient.object()
            .put("name", issuerId + " Co.")
            .put("kind", kind)
            .put("bankAccount", "0009-001-1234567")
            .put("feeBps", feeBps);
    if (endpoint != null) {
      body.put("salesEndpoint", endpoint);
    }
    return client.admin("PUT", "/v1/admin/issuers/" + issuerId, body);
  }

  /** Registers {@code gateId} as a gate of {@code venue} (the demo event is at Tokyo Dome). */
  void registerGate(String gateId, String venue) {
    CenterClient.Answer a =
        client.admin(
            "PUT",
            "/v1/admin/terminals/" + gateId,
            CenterClient.object().put("kind", "GATE").put("venue", venue));
    assertEquals(201, a.status(), a.text());
  }

  /** Enrols a new issuer and returns its API secret. */
  String newIssuer(String issuerId, String kind) {
    CenterClient.Answer a = enrol(issuerId, kind, 0, null);
    assertEquals(201, a.status(), a.text());
    return a.body().get("apiSecret").asText();
  }

  /**
   * A prepaid issuer ({@code suica-like}) with a 1,000-yen product whose card PP-0001 was sold and
   * activated; returns the issuer's API secret.
   */
  String activePrepaidCard() {
    return activePrepaidCard(null);
  }

  /** As {@link #activePrepaidCard()}, the issuer answering card status under {@code endpoint}. */
  String activePrepaidCard(String endpoint) {
    CenterClient.Answer enrolled = enrol("suica-like", "PREPAID_ISSUER", 0, endpoint);
    assertEquals(201, enrolled.status(), enrolled.text());
    String secret = enrolled.body().get("apiSecret").asText();
    ObjectNode product =
        CenterClient.object()
            .put("cardType", "PREPAID")
            .put("name", "Prepaid 1000")
            .put("priceYen", 1_000)
            .put("valueYen", 1_000);
    assertEquals(
        201,
        client
            .asIssuer(
                "suica-like", secret, "PUT", "/v1/issuers/suica-like/products/pp-1000", product)
            .status());
    ObjectNode ids = CenterClient.object().put("productId", "pp-1000");
    ids.putArray("cardIds").add("PP-0001");
    client.asIssuer("suica-like", secret, "POST", "/v1/issuers/suica-like/prepaid-cards", ids);
    ObjectNode activation = CenterClient.object();
    activation.set("payment", CenterClient.payment(1_000, "RRN-A1"));
    assertEquals(
        200, client.post("/v1/prepaid-cards/PP-0001/activate", activation, "ATM-0001").status());
    return secret;
  }

  /** Buys one seat of the seeded event on {@code card} (F6); returns the answer body. */
  JsonNode buy(String request, String card, String seat, long yen, String reference) {
    CenterClient.Answer a =
        client.post(
            "/v1/purchases",
            CenterClient.purchase(request, card, seat, yen, reference),
            "ATM-0001");
    assertEquals(201, a.status(), a.text());
    return a.body();
  }

  /** Runs {@code tasks} on their own threads, all released at once; returns their results. */
  static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return task.call();
                }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
