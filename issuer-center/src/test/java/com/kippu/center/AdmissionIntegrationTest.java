package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overload is refused at the door: with room for one request in progress and one waiting, a burst
 * of slow requests (registrations, each a slow salted PIN hash) gets clean 503 answers for the
 * rest, RFC 9457 problems (OVERLOADED) as openapi.yaml documents them, while the admitted ones
 * complete.
 */
class AdmissionIntegrationTest {
  private static final int BURST = 8;

  @TempDir Path dir;
  private IssuerCenterServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aBurstBeyondWhatTheCenterAdmitsGets503AndTheAdmittedOnesComplete() throws Exception {
    server =
        IssuerCenterServer.start(
            CenterConfig.from(
                Map.of(
                    "center.mode", "development",
                    "center.auth.required", "false",
                    "center.db", dir.resolve("center.db").toString(),
                    "center.port", "0",
                    "center.sweep.seconds", "0",
                    "center.http.queue", "1")),
            Clock.systemUTC());
    CenterClient client = new CenterClient(server.baseUri(), Clock.systemUTC());
    List<Callable<CenterClient.Answer>> registrations = new ArrayList<>();
    for (int i = 1; i <= BURST; i++) {
      ObjectNode user =
          CenterClient.object()
              .put("userId", "user-" + i)
              .put("name", "Customer " + i)
              .put("phone", "03-1234-5678")
              .put("address", "Tokyo")
              .put("pin", "4321");
      registrations.add(() -> client.post("/v1/users", user, "ATM00001"));
    }
    int created = 0;
    int refused = 0;
    for (CenterClient.Answer a : CenterTestBase.race(registrations)) {
      if (a.status() == 503) {
        refused++;
        assertEquals("OVERLOADED", a.error(), a.text());
      } else {
        assertEquals(201, a.status(), a.text());
        created++;
      }
    }
    assertTrue(refused > 0, "a burst of " + BURST + " against room for 2 is refused in part");
    assertTrue(created >= 1, "the admitted requests complete");
    assertEquals(BURST, created + refused);
  }
}
