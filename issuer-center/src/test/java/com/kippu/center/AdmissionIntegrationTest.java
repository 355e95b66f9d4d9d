package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overload is refused at the door: with room for one request in progress and one waiting, a burst
 * of slow requests (registrations, each a slow salted PIN hash) gets clean 503 answers for the
 * rest, while the admitted ones complete.
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
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 1; i <= BURST; i++) {
      String body =
          "{\"userId\":\"user-"
              + i
              + "\",\"name\":\"Customer "
              + i
              + "\",\"phone\":\"03-1234-5678\",\"address\":\"Tokyo\",\"pin\":\"4321\"}";
      answers.add(
          http.sendAsync(
              HttpRequest.newBuilder(server.baseUri().resolve("/v1/users"))
                  .header("X-Terminal-Id", "ATM00001")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    int created = 0;
    int refused = 0;
    for (CompletableFuture<HttpResponse<String>> f : answers) {
      HttpResponse<String> r = f.get();
      if (r.statusCode() == 503) {
        refused++;
        new ObjectMapper().readTree(r.body()); // a JSON body a terminal can log
      } else {
        assertEquals(201, r.statusCode(), r.body());
        created++;
      }
    }
    assertTrue(refused > 0, "a burst of " + BURST + " against room for 2 is refused in part");
    assertTrue(created >= 1, "the admitted requests complete");
    assertEquals(BURST, created + refused);
  }
}
