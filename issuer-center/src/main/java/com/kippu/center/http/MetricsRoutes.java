package com.kippu.center.http;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the center's meters in the Prometheus text format, for the operator's
 * scraper. It is an operator route (the bearer token of {@code center.admin.token}, over HTTPS in
 * production mode, as every operator route): request counts per route, pool use and the outbox
 * backlog tell a stranger how busy the center is and what it runs, so the route is never open.
 */
public final class MetricsRoutes implements RouteGroup {
  /** The content type of the Prometheus text exposition format 0.0.4. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Supplier<String> scrape;

  public MetricsRoutes(Supplier<String> scrape) {
    this.scrape = scrape;
  }

  @Override
  public void register(Router router, Guards guards) {
    router.add(
        "GET",
        "/metrics",
        guards.admin(
            r ->
                new Response(200, PROMETHEUS_TEXT, scrape.get().getBytes(StandardCharsets.UTF_8))));
  }
}
