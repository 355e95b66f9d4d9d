package com.kippu.simulator.bank;

import com.kippu.iso8583.LinkTls;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a simulated host runs.
 *
 * @param port 0 for a free port
 * @param development unknown terminals get their development TMK (the simulator's branch); off,
 *     only terminals registered with their TMK are served
 * @param idleTimeout a connection silent this long (e.g. half a frame sent) is closed
 * @param workerThreads requests processed at once
 */
public record HostOptions(
    int port,
    Clock clock,
    SecureRandom random,
    boolean development,
    Duration idleTimeout,
    int workerThreads,
    Optional<LinkTls> tls) {
  public HostOptions {
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive");
    }
    if (workerThreads < 1) {
      throw new IllegalArgumentException("workerThreads must be positive");
    }
  }

  /** Plain TCP. */
  public HostOptions(
      int port,
      Clock clock,
      SecureRandom random,
      boolean development,
      Duration idleTimeout,
      int workerThreads) {
    this(port, clock, random, development, idleTimeout, workerThreads, Optional.empty());
  }

  /** These options, listening with TLS only. */
  public HostOptions withTls(LinkTls linkTls) {
    return new HostOptions(
        port, clock, random, development, idleTimeout, workerThreads, Optional.of(linkTls));
  }

  /** Development mode on {@code port}, system clock, 5-minute idle timeout, 16 workers. */
  public static HostOptions defaults(int port) {
    return new HostOptions(
        port, Clock.systemUTC(), new SecureRandom(), true, Duration.ofMinutes(5), 16);
  }

  public HostOptions withClock(Clock c) {
    return new HostOptions(port, c, random, development, idleTimeout, workerThreads, tls);
  }

  public HostOptions withIdleTimeout(Duration d) {
    return new HostOptions(port, clock, random, development, d, workerThreads, tls);
  }

  public HostOptions withDevelopment(boolean on) {
    return new HostOptions(port, clock, random, on, idleTimeout, workerThreads, tls);
  }

  public HostOptions withWorkerThreads(int n) {
    return new HostOptions(port, clock, random, development, idleTimeout, n, tls);
  }
}
