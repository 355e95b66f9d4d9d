package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kippu.center.testdb.TestStore;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In production the operator reaches the center over HTTPS, and there its token is taken. */
class TlsIntegrationTest {
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T01:00:00Z"));
  private IssuerCenterServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theOperatorTokenIsTakenOverHttps() throws Exception {
    Path keyStore = TestTls.keyStore(dir);
    CenterConfig config =
        CenterConfig.from(
            Map.of(
                "center.db",
                TestStore.SQLITE.create(dir).sqliteFile().toString(),
                "center.port",
                "0",
                "center.sweep.seconds",
                "0",
                "center.outbox.seconds",
                "0",
                "center.admin.token",
                CenterClient.ADMIN_TOKEN,
                "center.tls.keystore",
                keyStore.toString(),
                "center.tls.keystore-password",
                TestTls.PASSWORD));
    server = IssuerCenterServer.start(config, clock);
    assertEquals("https", server.baseUri().getScheme());

    HttpResponse<String> settlement =
        TestTls.trusting(keyStore)
            .send(
                HttpRequest.newBuilder(server.baseUri().resolve("/v1/settlements/2026-12"))
                    .header("Authorization", "Bearer " + CenterClient.ADMIN_TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, settlement.statusCode(), settlement.body());
  }
}
