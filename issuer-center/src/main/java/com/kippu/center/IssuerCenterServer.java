package com.kippu.center;

import com.kippu.center.catalog.CatalogRepository;
import com.kippu.center.catalog.CatalogSeed;
import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.catalog.sql.SqlCatalogRepository;
import com.kippu.center.db.Database;
import com.kippu.center.db.Migrations;
import com.kippu.center.home.CardAuthorizer;
import com.kippu.center.home.HomeRails;
import com.kippu.center.http.BestAvailableRoutes;
import com.kippu.center.http.CenterApi;
import com.kippu.center.http.MetricsRoutes;
import com.kippu.center.http.RouteGroup;
import com.kippu.center.issuer.IssuerAccount;
import com.kippu.center.issuer.IssuerAdministration;
import com.kippu.center.issuer.IssuerKind;
import com.kippu.center.issuer.sql.SqlIssuerAccountRepository;
import com.kippu.center.metrics.CenterMetrics;
import com.kippu.center.outbox.OutboxRelay;
import com.kippu.center.outbox.sql.SqlOutbox;
import com.kippu.center.reservation.BestAvailableHolds;
import com.kippu.center.reservation.NumberGenerator;
import com.kippu.center.reservation.ReservationService;
import com.kippu.center.reservation.SeatClaims;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.reservation.sql.BatchedSeatClaims;
import com.kippu.center.reservation.sql.SqlReservationRepository;
import com.kippu.center.terminal.ReplayGuard;
import com.kippu.center.terminal.TerminalAuthenticator;
import com.kippu.center.terminal.TerminalRepository;
import com.kippu.center.terminal.TerminalSeed;
import com.kippu.center.terminal.sql.SqlTerminalRepository;
import com.kippu.center.verify.sql.SqlCenterKeys;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The running issuer center: its database (SQLite file or PostgreSQL) migrated and seeded, the
 * HTTP/JSON API on a bounded worker pool, and an optional background sweeper for lapsed holds.
 * Close it to stop all three.
 */
public final class IssuerCenterServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(IssuerCenterServer.class.getName());

  /** How best-available holds claim seats on the center's database; the load tool swaps it. */
  @FunctionalInterface
  public interface ClaimStrategy {
    SeatClaims open(Database database, Clock clock, CenterConfig.SeatClaims settings);
  }

  /** The product's strategy: in-memory seat cursors and group commit. */
  public static final ClaimStrategy BATCHED = BatchedSeatClaims::start;

  private final Database database;
  private final Server http;
  private final ServerConnector connector;
  private final ScheduledExecutorService sweeper;
  private final ReservationService reservations;
  private final SeatClaims claims;
  private final CenterServices services;
  private final CenterMetrics metrics;

  private IssuerCenterServer(
      Database database,
      Server http,
      ServerConnector connector,
      ScheduledExecutorService sweeper,
      ReservationService reservations,
      SeatClaims claims,
      CenterServices services,
      CenterMetrics metrics) {
    this.database = database;
    this.http = http;
    this.connector = connector;
    this.sweeper = sweeper;
    this.reservations = reservations;
    this.claims = claims;
    this.services = services;
    this.metrics = metrics;
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
    return start(config, clock, claimStrategy, HomeRails.NONE);
  }

  /** Starts with {@code cards} authorising home PC card payments at the card host (F13). */
  public static IssuerCenterServer start(CenterConfig config, Clock clock, CardAuthorizer cards) {
    return start(config, clock, BATCHED, HomeRails.cards(cards));
  }

  /**
   * Starts with {@code rails} authorising home PC payments: cards at the card host, online banking
   * at the user's bank (F13).
   */
  public static IssuerCenterServer start(CenterConfig config, Clock clock, HomeRails rails) {
    return start(config, clock, BATCHED, rails);
  }

  private static IssuerCenterServer start(
      CenterConfig config, Clock clock, ClaimStrategy claimStrategy, HomeRails rails) {
    Database database = Database.open(config.store());
    CenterMetrics metrics = new CenterMetrics();
    SeatClaims claims = null;
    CenterServices services = null;
    try {
      Migrations.migrate(database);
      CatalogRepository catalog = new SqlCatalogRepository(database);
      if (config.development()) {
        new CatalogSeed(catalog).seedIfEmpty();
      }
      TerminalRepository terminals = new SqlTerminalRepository(database);
      CenterConfig.TerminalAuth auth = config.terminalAuth();
      if (auth.seeds()) {
        new TerminalSeed(terminals, clock)
            .seed(new TerminalId(CenterConfig.TerminalAuth.SEEDED_TERMINAL), auth.seedSecret());
      }
      ReservationService reservations =
          new ReservationService(
              catalog,
              new SqlReservationRepository(database),
              new NumberGenerator(),
              clock,
              config.holdDuration());
      ReplayGuard replays = new ReplayGuard(database, clock);
      TerminalAuthenticator authenticator =
          new TerminalAuthenticator(terminals, clock, auth.maxClockSkew(), replays);
      claims = claimStrategy.open(database, clock, config.seatClaims());
      SeatClaims opened = claims;
      services =
          CenterServices.build(
              database,
              catalog,
              reservations,
              config,
              clock,
              authenticator,
              replays,
              eventId -> prepareQuietly(opened, eventId),
              rails);
      RouteGroup bestAvailable =
          new BestAvailableRoutes(
              new BestAvailableHolds(
                  catalog,
                  new SqlReservationRepository(database),
                  claims,
                  new NumberGenerator(),
                  clock,
                  config.holdDuration()),
              services.cardStanding());
      metrics.watch(database::bindMetrics);
      if (claims instanceof MeterBinder batches) {
        metrics.watch(batches);
      }
      metrics.watchOutbox(new SqlOutbox(database));
      CenterApi api =
          services.api(
              catalog,
              reservations,
              clock,
              openApiDocument(),
              List.of(bestAvailable, new MetricsRoutes(metrics::scrape)));
      Server http = CenterHttp.start(config, api.router().observedBy(metrics));
      ServerConnector connector = (ServerConnector) http.getConnectors()[0];
      ScheduledExecutorService sweeper = null;
      if (!config.sweepInterval().isZero()) {
        sweeper = Executors.newSingleThreadScheduledExecutor(named("center-sweeper"));
        long every = config.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(
            () -> sweepQuietly(reservations), every, every, TimeUnit.MILLISECONDS);
      }
      IssuerCenterServer server =
          new IssuerCenterServer(
              database, http, connector, sweeper, reservations, claims, services, metrics);
      LOG.log(
          System.Logger.Level.INFO,
          "issuer center listening on "
              + server.baseUri()
              + " ("
              + config.mode().name().toLowerCase(java.util.Locale.ROOT)
              + " mode, "
              + config.store()
              + ", "
              + config.tls()
              + ", terminal signatures "
              + (auth.required() ? "required" : "off")
              + ")");
      return server;
    } catch (RuntimeException e) {
      closeQuietly(services);
      closeQuietly(claims);
      database.close();
      metrics.close();
      throw e;
    }
  }

  /**
   * The center's root public key (X.509 SubjectPublicKeyInfo): what an installer copies into a
   * terminal's or a gate's configuration, out of band, so that they trust issuer keys only through
   * the certificates it signs.
   */
  public byte[] rootKey() {
    return new SqlCenterKeys(database, Clock.systemUTC()).publishedKey().x509();
  }

  /**
   * The settlement of {@code period} per issuer, as the operator's statement computes it, read by
   * this running center (a second connection to its file would wait on its lock).
   */
  public java.util.List<com.kippu.center.settlement.Settlement> settlement(
      java.time.YearMonth period, java.time.ZoneId zone) {
    return settlementService(zone).settle(period);
  }

  /** The settlement service over this running center's database, months counted in {@code zone}. */
  public com.kippu.center.settlement.SettlementService settlementService(java.time.ZoneId zone) {
    return new com.kippu.center.settlement.SettlementService(
        new com.kippu.center.settlement.sql.SqlSettlementRepository(database),
        new com.kippu.center.issuer.sql.SqlIssuerAccountRepository(database),
        zone);
  }

  /**
   * The card-access certificate of terminal or gate {@code holder}'s X25519 key (32 raw bytes),
   * signed by the center's root key, as the operator's {@code POST
   * /v1/admin/terminals/{id}/card-access-certificate} issues it at installation.
   */
  public byte[] certifyCardAccess(String holder, byte[] x25519PublicKey) {
    return new com.kippu.center.verify.CardAccessCertificates(
            new SqlCenterKeys(database, Clock.systemUTC()))
        .certify(holder, x25519PublicKey);
  }

  /**
   * Registers a further terminal (a venue gate, a second ATM) with its request-signing secret, as
   * the operator does at installation; an existing terminal keeps its secret.
   */
  public void registerTerminal(String terminalId, String secret) {
    new TerminalSeed(new SqlTerminalRepository(database), Clock.systemUTC())
        .seedIfAbsent(new TerminalId(terminalId), secret);
  }

  /**
   * Registers the active sales terminal {@code terminalId} as a home PC (F13) or as an ATM, with
   * its request-signing secret, as the operator's {@code PUT /v1/admin/terminals/{id}} does, when
   * it is registered as the other kind (or not at all); a terminal of that kind already, or one the
   * operator deactivated, is left as it is. A home PC's sales are then paid only by payments the
   * center can check itself. Called before the terminal's first request, as at installation.
   */
  public void registerSalesTerminal(String terminalId, boolean homePc, String secret) {
    SqlTerminalRepository terminals = new SqlTerminalRepository(database);
    TerminalId id = new TerminalId(terminalId);
    com.kippu.center.terminal.TerminalKind wanted =
        homePc
            ? com.kippu.center.terminal.TerminalKind.HOME_PC
            : com.kippu.center.terminal.TerminalKind.ATM;
    Optional<com.kippu.center.terminal.TerminalRepository.Credential> now = terminals.active(id);
    boolean known = terminals.secret(id).isPresent();
    if (now.map(c -> c.terminal().kind() == wanted).orElse(known)) {
      return;
    }
    terminals.register(
        new com.kippu.center.terminal.Terminal(id, wanted, Optional.empty()),
        secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        Clock.systemUTC().instant());
  }

  /**
   * Registers the gate {@code gateId} of {@code venue} with its request-signing secret, as the
   * operator's {@code PUT /v1/admin/terminals/{id}} does: only a registered gate admits, and only
   * to events at its venue.
   */
  public void registerGate(String gateId, String venue, String secret) {
    new SqlTerminalRepository(database)
        .register(
            com.kippu.center.terminal.Terminal.gate(new TerminalId(gateId), venue),
            secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            Clock.systemUTC().instant());
  }

  /**
   * Enrols the issuer {@code issuerId} (or updates it, its bank account unchanged) as the
   * operator's {@code PUT /v1/admin/issuers/{id}} does, for an operator at the console (the
   * simulator's issuers). Returns the issuer's new API secret, only when the issuer had none.
   */
  public Optional<String> enrolIssuer(
      String issuerId, String name, IssuerKind kind, String bankAccount) {
    IssuerAdministration administration =
        new IssuerAdministration(
            new SqlIssuerAccountRepository(database), new SecureRandom(), Clock.systemUTC());
    return administration
        .enrol(
            new IssuerAccount(new IssuerId(issuerId), name, kind, bankAccount, 0, Optional.empty()),
            "console")
        .value()
        .newApiSecret();
  }

  /**
   * Points {@code issuer}'s sales records and notices at {@code endpoint} (its local server), as
   * the operator's {@code PUT /v1/admin/issuers/{id}} does at installation, nothing else of the
   * issuer changing; false when the issuer is unknown.
   */
  public boolean connectIssuer(com.kippu.center.catalog.IssuerId issuer, URI endpoint) {
    var accounts = new com.kippu.center.issuer.sql.SqlIssuerAccountRepository(database);
    var current = accounts.find(issuer);
    if (current.isEmpty()) {
      return false;
    }
    var a = current.get();
    accounts.update(
        new com.kippu.center.issuer.IssuerAccount(
            a.issuerId(), a.name(), a.kind(), a.bankAccount(), a.feeBps(), Optional.of(endpoint)));
    return true;
  }

  /** The bound port (the ephemeral one when started with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  public URI baseUri() {
    String scheme = connector.getDefaultProtocol().startsWith("SSL") ? "https" : "http";
    return URI.create(scheme + "://" + hostAddress(connector.getHost()) + ":" + port() + "/");
  }

  /**
   * Gets best-available holds ready for a sale of {@code eventId} before it opens (the batched
   * claims read its free seats now), so the first requests do not queue behind that read. The
   * center does this by itself whenever an issuer publishes or updates an event.
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
    try {
      http.stop();
    } catch (Exception e) {
      // Stopping is best effort: the database and claims still close below.
      LOG.log(System.Logger.Level.WARNING, "HTTP server did not stop cleanly", e);
    }
    claims.close();
    database.close();
    metrics.close();
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

  private static String hostAddress(String host) {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      return host;
    }
  }

  /** An event went on sale: read its seats now; a failure only delays that to the first hold. */
  private static void prepareQuietly(SeatClaims claims, EventId eventId) {
    try {
      claims.prepare(eventId);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not prepare the sale of " + eventId, e);
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
