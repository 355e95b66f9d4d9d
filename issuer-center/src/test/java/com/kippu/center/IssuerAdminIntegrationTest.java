package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.testdb.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issuer credentials and payee accounts under the operators: a bank account changes only when a
 * second operator approves it; a rotated or removed API secret holds for the next request.
 */
class IssuerAdminIntegrationTest {
  private static final String ALICE = "alice-operator-token-000001";
  private static final String BOB = "bob-operator-token-00000002";
  private static final String ISSUER = "/v1/admin/issuers/keio-rail";

  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T01:00:00Z"));
  private IssuerCenterServer server;
  private CenterClient client;

  @BeforeEach
  void start() {
    CenterConfig config = CenterConfig.development(TestStore.SQLITE.create(dir));
    config =
        config
            .withPort(0)
            .withSweepInterval(Duration.ZERO)
            .withBusiness(
                config
                    .business()
                    .withAdminToken("alice:" + ALICE + ",bob:" + BOB)
                    .withOutboxInterval(Duration.ZERO));
    server = IssuerCenterServer.start(config, clock);
    client = new CenterClient(server.baseUri(), clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ObjectNode account(String bankAccount) {
    return CenterClient.object()
        .put("name", "Keio Rail")
        .put("kind", "RAILWAY")
        .put("bankAccount", bankAccount)
        .put("feeBps", 150);
  }

  @Test
  void aBankAccountChangesOnlyWithASecondOperatorsApproval() {
    assertEquals(201, client.adminWith(ALICE, "PUT", ISSUER, account("0001-001-1111111")).status());

    CenterClient.Answer proposed =
        client.adminWith(ALICE, "PUT", ISSUER, account("0099-009-9999999"));
    assertEquals(200, proposed.status(), proposed.text());
    assertEquals("0001-001-1111111", proposed.body().get("bankAccount").asText(), "not yet");
    assertEquals("alice", proposed.body().get("pendingBankAccount").get("proposedBy").asText());

    ObjectNode approval = CenterClient.object().put("bankAccount", "0099-009-9999999");
    CenterClient.Answer self =
        client.adminWith(ALICE, "POST", ISSUER + "/bank-account/approve", approval);
    assertEquals(403, self.status(), self.text());
    assertEquals("SAME_OPERATOR", self.error());

    CenterClient.Answer other =
        client.adminWith(
            BOB,
            "POST",
            ISSUER + "/bank-account/approve",
            CenterClient.object().put("bankAccount", "0000-000-0000000"));
    assertEquals(409, other.status(), "bob approves only what was proposed");

    CenterClient.Answer approved =
        client.adminWith(BOB, "POST", ISSUER + "/bank-account/approve", approval);
    assertEquals(200, approved.status(), approved.text());
    assertEquals("0099-009-9999999", approved.body().get("bankAccount").asText());
    CenterClient.Answer after = client.adminWith(BOB, "PUT", ISSUER, account("0099-009-9999999"));
    assertFalse(after.body().has("pendingBankAccount"), after.text());
  }

  @Test
  void aRotatedOrRemovedIssuerSecretHoldsAtOnce() {
    String first =
        client
            .adminWith(ALICE, "PUT", ISSUER, account("0001-001-1111111"))
            .body()
            .get("apiSecret")
            .asText();
    ObjectNode product =
        CenterClient.object()
            .put("cardType", "PREPAID")
            .put("name", "Card")
            .put("priceYen", 1_000)
            .put("valueYen", 1_000);
    String path = "/v1/issuers/keio-rail/products/p-1";
    CenterClient.Answer pushed = client.asIssuer("keio-rail", first, "PUT", path, product);
    assertEquals(422, pushed.status(), "signed (a railway sells no prepaid): " + pushed.text());

    String second =
        client
            .adminWith(BOB, "POST", ISSUER + "/rotate-secret", null)
            .body()
            .get("apiSecret")
            .asText();
    assertEquals(401, client.asIssuer("keio-rail", first, "PUT", path, product).status());
    assertEquals(422, client.asIssuer("keio-rail", second, "PUT", path, product).status());

    assertEquals(200, client.adminWith(BOB, "POST", ISSUER + "/deactivate", null).status());
    CenterClient.Answer off = client.asIssuer("keio-rail", second, "PUT", path, product);
    assertEquals(401, off.status());
    assertEquals("UNKNOWN_ISSUER", off.error());
  }
}
