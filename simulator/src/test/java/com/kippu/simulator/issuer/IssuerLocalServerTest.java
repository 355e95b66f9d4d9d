package com.kippu.simulator.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prepaid issuer's own card records over its HTTP interface, as the center reaches them: a
 * stocked card is NOT_ACTIVATED until the issuer activates it, a lost one INVALIDATED for good.
 */
class IssuerLocalServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  /** {@code status} and HTTP code of one call to {@code card}'s resource, as "code STATUS". */
  private String call(IssuerLocalServer server, String card, boolean activate) throws Exception {
    URI uri = server.salesEndpoint("pp").resolve("cards/" + card + (activate ? "/activate" : ""));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    if (activate) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + JSON.readTree(response.body()).path("status").asText();
  }

  @Test
  void aStockedCardIsWorthlessUntilActivatedAndALostOneStaysInvalidated() throws Exception {
    try (IssuerLocalServer server =
        IssuerLocalServer.start(dir.resolve("issuer.db"), Clock.systemUTC())) {
      server.stock("pp", List.of("PV-1", "PV-2"));

      assertEquals("200 NOT_ACTIVATED", call(server, "PV-1", false));
      assertEquals("200 ACTIVE", call(server, "PV-1", true));
      assertEquals("200 ACTIVE", call(server, "PV-1", true), "activating again changes nothing");
      assertEquals("ACTIVE", server.cardStatus("pp", "PV-1"));

      server.invalidate("pp", "PV-2", "stolen from the shop");
      assertEquals("409 INVALIDATED", call(server, "PV-2", true), "a lost card is not activated");
      server.stock("pp", List.of("PV-2"));
      assertEquals("INVALIDATED", server.cardStatus("pp", "PV-2"), "stocking again revives none");

      server.invalidate("pp", "PV-1", "lost");
      assertEquals("200 INVALIDATED", call(server, "PV-1", false));
      assertEquals("404 UNKNOWN", call(server, "PV-9", true), "a card it never made");
      assertEquals("200 VALID", call(server, "PV-9", false), "and it never invalidated");
      assertEquals("VALID", server.cardStatus("other", "PV-1"), "each issuer has its own records");
    }
  }

  @Test
  void theStatusesSurviveARestart() throws Exception {
    Path file = dir.resolve("issuer.db");
    try (IssuerLocalServer server = IssuerLocalServer.start(file, Clock.systemUTC())) {
      server.stock("pp", List.of("PV-1", "PV-2"));
      call(server, "PV-1", true);
    }
    try (IssuerLocalServer server = IssuerLocalServer.start(file, Clock.systemUTC())) {
      assertEquals("ACTIVE", server.cardStatus("pp", "PV-1"));
      assertEquals("NOT_ACTIVATED", server.cardStatus("pp", "PV-2"));
    }
  }
}
