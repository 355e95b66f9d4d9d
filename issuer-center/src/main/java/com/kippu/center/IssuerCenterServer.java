package com.kippu.center;

import com.kippu.center.catalog.CatalogRepository;
import com.kippu.center.catalog.CatalogSeed;
import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.sql.SqlCatalogRepository;
import com.kippu.center.db.Database;
import com.kippu.center.db.Migrations;
import com.kippu.center.http.BestAvailableRoutes;
import com.kippu.center.http.CenterApi;
import com.kippu.center.http.RouteGroup;
import com.kippu.center.outbox.OutboxRelay;
import com.kippu.center.reservation.BestAvailableHolds;
import com.kippu.center.reservation.NumberGenerator;
import com.kippu.center.reservation.ReservationService;
import com.kippu.center.reservation.SeatClaims;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.reservation.sql.BatchedSeatClaims;
import com.kippu.center.reservation.sql.SqlReservationRepository;
import com.kippu.center.terminal.TerminalAuthenticator;
import com.kippu.center.terminal.TerminalRepository;
import com.kippu.center.terminal.TerminalSeed;
import com.kippu.center.terminal.sql.SqlTerminalRepository;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running issuer center: its database (SQLite file or PostgreSQL) migrated and seeded, the
 * HTTP/JSON API on a bounded worker pool, and an optional background sweeper for lapsed holds.
 * Close it to stop all three.
 */
public final class IssuerCenterServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(IssuerCenterServer.class.getName());

  /** Thousands of terminals may connect in the same second when a sale opens. */
  private static final int ACCEPT_BACKLOG = 4096;

  /** How best-available holds claim seats on the center's database; the load tool swaps it. */
  @FunctionalInterface
  public interface ClaimStrategy {
    SeatClaims open(Database database, Clock clock);
  }

  /** The product's strategy: in-memory seat cursors and group commit. */
  public static final ClaimStrategy BATCHED =
      (database, clock) ->
          BatchedSeatClaims.start(
              database, clock, BatchedSeatClaims.Settings.defaults(database.dialect()));

  static {
    // The JDK server reads these once. By default it closes keep-alive connections beyond 200
    // idle ones (every terminal keeps one open) and sends small answers with Nagle on.
    defaultProperty("sun.net.httpserver.maxIdleConnections", "10000");
    defaultProperty("sun.net.httpserver.nodelay", "true");
  }

  private final Database database;
  private final HttpServer http;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService sweeper;
  private final ReservationService reservations;
  private final SeatClaims claims;
  private final CenterServices services;

  private IssuerCenterServer(
      Database database,
      HttpServer http,
      ThreadPoolExecutor workers,
      ScheduledExecutorService sweeper,
      ReservationService reservations,
      SeatClaims claims,
      CenterServices services) {
    this.database = database;
    this.http = http;
    this.workers = workers;
    this.sweeper = sweeper;
    this.reservations = reservations;
    this.claims = claims;
    this.services = services;
  }

  public static IssuerCenterServer start(CenterConfig config) {
    return start(config, Clock.systemUTC());
  }

  /** Starts on {@code config}; {@code clock} drives reservation times and expiry. */
  public static IssuerCenterServer start(CenterConfig config, Clock clock) {
    return start(config, clock, BATCHED);
  }

  /** Starts with another way of claiming best-available seats (the load tool's baseline). */
  public static IssuerCenterServer start(
      CenterConfig config, Clock clock, ClaimStrategy claimStrategy) {
    Database database = Database.open(config.store());
    SeatClaims claims = null;
    CenterServices services = null;
    try {
      Migrations.migrate(database);
      CatalogRepository catalog = new SqlCatalogRepository(database);
      new CatalogSeed(catalog).seedIfEmpty();
      TerminalRepository terminals = new SqlTerminalRepository(database);
      CenterConfig.TerminalAuth auth = config.terminalAuth();
      new TerminalSeed(terminals, clock)
          .seedIfAbsent(
              new TerminalId(CenterConfig.TerminalAuth.SEEDED_TERMINAL), auth.seedSecret());
      ReservationService reservations =
          new ReservationService(
              catalog,
              new SqlReservationRepository(database),
              new NumberGenerator(),
              clock,
              config.holdDuration());
      Optional<TerminalAuthenticator> authenticator =
          auth.required()
              ? Optional.of(new TerminalAuthenticator(terminals, clock, auth.maxClockSkew()))
              : Optional.empty();
      claims = claimStrategy.open(database, clock);
      RouteGroup bestAvailable =
          new BestAvailableRoutes(
              new BestAvailableHolds(
                  catalog,
                  new SqlReservationRepository(database),
                  claims,
                  new NumberGenerator(),
                  clock,
                  config.holdDuration()));
      services =
          CenterServices.build(database, catalog, reservations, config, clock, authenticator);
      CenterApi api =
          services.api(catalog, reservations, clock, openApiDocument(), List.of(bestAvailable));

      ThreadPoolExecutor workers =
          new ThreadPoolExecutor(
              config.httpThreads(),
              config.httpThreads(),
              60,
              TimeUnit.SECONDS,
              new ArrayBlockingQueue<>(config.httpQueueCapacity()),
              named("center-http"));
      HttpServer http =
          HttpServer.create(new InetSocketAddress(config.host(), config.port()), ACCEPT_BACKLOG);
      http.createContext("/", api.router());
      http.setExecutor(workers);
      http.start();

      ScheduledExecutorService sweeper = null;
      if (!config.sweepInterval().isZero()) {
        sweeper = Executors.newSingleThreadScheduledExecutor(named("center-sweeper"));
        long every = config.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(
            () -> sweepQuietly(reservations), every, every, TimeUnit.MILLISECONDS);
      }
      IssuerCenterServer server =
          new IssuerCenterServer(database, http, workers, sweeper, reservations, claims, services);
      LOG.log(
          System.Logger.Level.INFO,
          "issuer center listening on "
              + server.baseUri()
              + " ("
              + config.store()
              + ", terminal signatures "
              + (auth.required() ? "required" : "off")
              + ")");
      return server;
    } catch (IOException e) {
      closeQuietly(services);
      closeQuietly(claims);
      database.close();
      throw new UncheckedIOException("cannot bind " + config.host() + ":" + config.port(), e);
    } catch (RuntimeException e) {
      closeQuietly(services);
      closeQuietly(claims);
      database.close();
      throw e;
    }
  }

  /** The bound port (the ephemeral one when started with port 0). */
  public int port() {
    return http.getAddress().getPort();
  }

  public URI baseUri() {
    return URI.create(
        "http://" + http.getAddress().getAddress().getHostAddress() + ":" + port() + "/");
  }

  /**
   * Gets best-available holds ready for a sale of {@code eventId} before it opens (the batched
   * claims read its free seats now), so the first requests do not queue behind that read.
   */
  public void prepareSale(EventId eventId) {
    claims.prepare(eventId);
  }

  /** Expires lapsed holds now and releases their seats; returns how many expired. */
  public int sweepExpiredHolds() {
    return reservations.sweepExpired();
  }

  /** Every route the API serves, as {@code METHOD /path/{}/template}. */
  public List<String> routes() {
    return services.routes();
  }

  /** Feeds sales into the outbox and delivers every due message once, now. */
  public OutboxRelay.Report deliverOutbox() {
    return services.deliverOutbox();
  }

  @Override
  public void close() {
    services.close();
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
    http.stop(0);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    claims.close();
    database.close();
  }

  private static void closeQuietly(CenterServices services) {
    if (services != null) {
      services.close();
    }
  }

  private static void closeQuietly(SeatClaims claims) {
    if (claims != null) {
      claims.close();
    }
  }

  private static void defaultProperty(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  private static void sweepQuietly(ReservationService reservations) {
    try {
      int expired = reservations.sweepExpired();
      if (expired > 0) {
        LOG.log(System.Logger.Level.INFO, "expired " + expired + " lapsed holds");
      }
    } catch (RuntimeException e) {
      // A failed sweep must not kill the schedule; lazy expiry still covers every access.
      LOG.log(System.Logger.Level.WARNING, "hold sweep failed", e);
    }
  }

  private static byte[] openApiDocument() {
    try (InputStream in = IssuerCenterServer.class.getResourceAsStream("/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
