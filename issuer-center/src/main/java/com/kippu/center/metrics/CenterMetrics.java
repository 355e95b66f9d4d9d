package com.kippu.center.metrics;

import com.kippu.center.http.RequestObserver;
import com.kippu.center.outbox.OutboxRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The center's meters, one Prometheus registry per running center: HTTP requests per route template
 * and status ({@code http_server_requests_seconds}), the database pool, the hold batches of
 * best-available sales, the outbox backlog, and the JVM. Scraped as Prometheus text by the
 * operator's {@code GET /metrics}.
 */
public final class CenterMetrics implements RequestObserver, AutoCloseable {
  /** Methods named as they are; anything else a client sends counts as OTHER (bounded series). */
  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();

  public CenterMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    gc.bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** Where further meters are registered. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter now, in the Prometheus text exposition format. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void answered(String method, String route, int status, long nanos) {
    Timer.builder("http.server.requests")
        .description("HTTP requests answered, per route template and status")
        .tag("method", METHODS.contains(method) ? method : "OTHER")
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * {@code kippu_outbox_backlog}: messages to issuers not yet delivered, counted at each scrape (a
   * failing count reads NaN, and the scrape still answers).
   */
  public void watchOutbox(OutboxRepository outbox) {
    Gauge.builder("kippu.outbox.backlog", outbox, OutboxRepository::pending)
        .description("outbox messages to issuers not yet delivered")
        .strongReference(true)
        .register(registry);
  }

  /** Lets a component that keeps its own meters (the hold batches, the pool) register them. */
  public void watch(MeterBinder component) {
    component.bindTo(registry);
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
