package com.kippu.center;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the issuer center can be configured with, read in this one place with its defaults.
 * Keys (system properties or {@code --key=value} arguments): {@code center.db}, {@code
 * center.host}, {@code center.port}, {@code center.hold.minutes}, {@code center.sweep.seconds},
 * {@code center.http.threads}, {@code center.http.queue}, {@code center.db.readers}, {@code
 * center.db.busy-timeout.ms}.
 */
public record CenterConfig(
    Path databaseFile,
    String host,
    int port,
    Duration holdDuration,
    Duration sweepInterval,
    int httpThreads,
    int httpQueueCapacity,
    int readerConnections,
    Duration busyTimeout) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8480;

  /** How long seats stay held while the customer pays. */
  public static final Duration DEFAULT_HOLD = Duration.ofMinutes(10);

  public static final Duration DEFAULT_SWEEP = Duration.ofSeconds(30);
  public static final int DEFAULT_HTTP_THREADS = 16;
  public static final int DEFAULT_HTTP_QUEUE = 256;
  public static final int DEFAULT_READERS = 4;
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

  public CenterConfig {
    Objects.requireNonNull(databaseFile, "databaseFile");
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (holdDuration.isZero() || holdDuration.isNegative()) {
      throw new IllegalArgumentException("hold duration must be positive");
    }
    if (sweepInterval.isNegative()) {
      throw new IllegalArgumentException("sweep interval must not be negative (0 = off)");
    }
    if (httpThreads < 1 || httpQueueCapacity < 1 || readerConnections < 1) {
      throw new IllegalArgumentException("threads, queue and readers must be at least 1");
    }
  }

  /** Defaults for everything but the database file; port {@value #DEFAULT_PORT}. */
  public static CenterConfig defaults(Path databaseFile) {
    return new CenterConfig(
        databaseFile,
        DEFAULT_HOST,
        DEFAULT_PORT,
        DEFAULT_HOLD,
        DEFAULT_SWEEP,
        DEFAULT_HTTP_THREADS,
        DEFAULT_HTTP_QUEUE,
        DEFAULT_READERS,
        DEFAULT_BUSY_TIMEOUT);
  }

  /** Reads the keys listed above; anything absent takes its default. */
  public static CenterConfig from(Map<String, String> settings) {
    CenterConfig d = defaults(Path.of(settings.getOrDefault("center.db", "issuer-center.db")));
    return new CenterConfig(
        d.databaseFile(),
        settings.getOrDefault("center.host", d.host()),
        intOf(settings, "center.port", d.port()),
        Duration.ofMinutes(
            intOf(settings, "center.hold.minutes", (int) d.holdDuration().toMinutes())),
        Duration.ofSeconds(
            intOf(settings, "center.sweep.seconds", (int) d.sweepInterval().toSeconds())),
        intOf(settings, "center.http.threads", d.httpThreads()),
        intOf(settings, "center.http.queue", d.httpQueueCapacity()),
        intOf(settings, "center.db.readers", d.readerConnections()),
        Duration.ofMillis(
            intOf(settings, "center.db.busy-timeout.ms", (int) d.busyTimeout().toMillis())));
  }

  private static int intOf(Map<String, String> settings, String key, int fallback) {
    String value = settings.get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer: " + value, e);
    }
  }

  public CenterConfig withPort(int newPort) {
    return new CenterConfig(
        databaseFile,
        host,
        newPort,
        holdDuration,
        sweepInterval,
        httpThreads,
        httpQueueCapacity,
        readerConnections,
        busyTimeout);
  }

  public CenterConfig withHoldDuration(Duration hold) {
    return new CenterConfig(
        databaseFile,
        host,
        port,
        hold,
        sweepInterval,
        httpThreads,
        httpQueueCapacity,
        readerConnections,
        busyTimeout);
  }

  /** {@code Duration.ZERO} turns the background sweeper off (expiry stays lazy). */
  public CenterConfig withSweepInterval(Duration interval) {
    return new CenterConfig(
        databaseFile,
        host,
        port,
        holdDuration,
        interval,
        httpThreads,
        httpQueueCapacity,
        readerConnections,
        busyTimeout);
  }
}
