package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} after real requests: the operator's token only, Prometheus text, and the
 * HTTP, hold-batch, outbox and pool meters moving with what the center did.
 */
abstract class MetricsIntegrationTest extends CenterTestBase {
  private static final String EVENTS_OK =
      "http_server_requests_seconds_count{method=\"GET\",route=\"/v1/events\",status=\"200\"}";
  private static final String UNMATCHED =
      "http_server_requests_seconds_count{method=\"GET\",route=\"UNMATCHED\",status=\"404\"}";
  private static final String SEATS_OK =
      "http_server_requests_seconds_count{method=\"GET\",route=\"/v1/events/{}/seats\","
          + "status=\"200\"}";

  /** The pool meter this engine publishes. */
  abstract String poolMeter();

  @Test
  void onlyTheOperatorReadsTheMetrics() {
    assertEquals(401, client.get("/metrics").status());
    assertEquals(401, client.adminWith("not-the-token", "GET", "/metrics", null).status());
    CenterClient.Answer ok = client.admin("GET", "/metrics", null);
    assertEquals(200, ok.status(), ok.text());
    assertTrue(ok.contentType().startsWith("text/plain; version=0.0.4"), ok.contentType());
  }

  @Test
  void requestsAreCountedPerRouteTemplateAndStatus() {
    double events = value(scrape(), EVENTS_OK);
    double unmatched = value(scrape(), UNMATCHED);
    double seats = value(scrape(), SEATS_OK);
    assertEquals(200, client.get("/v1/events").status());
    assertEquals(200, client.get("/v1/events").status());
    assertEquals(404, client.get("/v1/no-such-thing/42").status());
    assertEquals(200, client.get("/v1/events/evt-2026-12-24-dome/seats").status());

    String after = scrape();
    assertEquals(events + 2, value(after, EVENTS_OK), after);
    assertEquals(unmatched + 1, value(after, UNMATCHED));
    assertEquals(seats + 1, value(after, SEATS_OK), "the template, not the event id");
    assertTrue(!after.contains("evt-2026-12-24-dome"), "no path ids in series names");
    assertTrue(after.contains(poolMeter()), poolMeter() + " in\n" + after);
    assertTrue(after.contains("jvm_memory_used_bytes"));
  }

  @Test
  void holdBatchesAndTheOutboxBacklogMove() {
    String verdict = "kippu_hold_verdicts_total{verdict=\"HELD\"}";
    String batches = "kippu_hold_batch_seconds_count{outcome=\"committed\"}";
    String backlog = "kippu_outbox_backlog";
    String before = scrape();
    buy("P-1", "CARD-0002", "S-1-1", 12_000, "RRN-1");
    ObjectNode best =
        CenterClient.object()
            .put("requestNumber", "R-BEST-1")
            .put("eventId", "evt-2026-12-24-dome")
            .put("cardId", "CARD-0001")
            .put("quantity", 2);
    CenterClient.Answer held = client.post("/v1/reservations/best-available", best, "ATM-0001");
    assertEquals(201, held.status(), held.text());
    // The seeded issuer has no sales endpoint: the sale enters the outbox and stays undelivered.
    assertEquals(1, server.deliverOutbox().enqueued());

    String after = scrape();
    assertEquals(value(before, verdict) + 1, value(after, verdict), after);
    assertTrue(value(after, batches) >= value(before, batches) + 1);
    assertEquals(value(before, backlog) + 1, value(after, backlog));
  }

  private String scrape() {
    CenterClient.Answer a = client.admin("GET", "/metrics", null);
    assertEquals(200, a.status(), a.text());
    return new String(a.raw(), StandardCharsets.UTF_8);
  }

  /** The sample's value; 0 when the series does not exist yet. */
  private static double value(String scrape, String series) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+|NaN)$").matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
