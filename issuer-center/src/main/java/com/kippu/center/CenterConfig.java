package com.kippu.center;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the issuer center can be configured with, read in this one place with its defaults
 * (the sources and the list of known keys are in {@link CenterSettings}). Keys: {@code center.mode}
 * ({@code production}, the default, or {@code development}), {@code center.host}, {@code
 * center.port}, {@code center.hold.minutes}, {@code center.sweep.seconds}, {@code
 * center.http.threads}, {@code center.http.queue}; the store keys of {@link Store}, the seat-claim
 * keys of {@link SeatClaims}, the terminal authentication keys of {@link TerminalAuth}; the
 * business keys of {@link BusinessRules}.
 */
public record CenterConfig(
    CenterMode mode,
    Store store,
    String host,
    int port,
    Duration holdDuration,
    Duration sweepInterval,
    int httpThreads,
    int httpQueueCapacity,
    SeatClaims seatClaims,
    TerminalAuth terminalAuth,
    BusinessRules business,
    TlsSettings tls) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8480;

  /** How long seats stay held while the customer pays. */
  public static final Duration DEFAULT_HOLD = Duration.ofMinutes(10);

  public static final Duration DEFAULT_SWEEP = Duration.ofSeconds(30);
  public static final int DEFAULT_HTTP_THREADS = 32;
  public static final int DEFAULT_HTTP_QUEUE = 4096;

  /**
   * Where the center keeps its data. With no {@code center.db.url} it is the SQLite file {@code
   * center.db} (keys {@code center.db.readers}, {@code center.db.busy-timeout.ms}); with {@code
   * center.db.url=jdbc:postgresql://...} it is that PostgreSQL database (keys {@code
   * center.db.user}, {@code center.db.password}, {@code center.db.pool.size}).
   */
  public record Store(
      Path sqliteFile,
      int sqliteReaders,
      Duration sqliteBusyTimeout,
      String postgresUrl,
      String postgresUser,
      String postgresPassword,
      int postgresPoolSize) {
    public static final int DEFAULT_READERS = 4;
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_POOL_SIZE = 10;

    public Store {
      Objects.requireNonNull(sqliteFile, "sqliteFile");
      Objects.requireNonNull(sqliteBusyTimeout, "sqliteBusyTimeout");
      postgresUrl = postgresUrl == null ? "" : postgresUrl.strip();
      postgresUser = postgresUser == null ? "" : postgresUser;
      postgresPassword = postgresPassword == null ? "" : postgresPassword;
      if (!postgresUrl.isEmpty() && !postgresUrl.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("center.db.url must be a jdbc:postgresql: URL");
      }
      if (sqliteReaders < 1 || postgresPoolSize < 1) {
        throw new IllegalArgumentException("readers and pool size must be at least 1");
      }
    }

    /** The SQLite file with default settings. */
    public static Store sqlite(Path file) {
      return new Store(file, DEFAULT_READERS, DEFAULT_BUSY_TIMEOUT, "", "", "", DEFAULT_POOL_SIZE);
    }

    /** A PostgreSQL database with the default pool size. */
    public static Store postgres(String url, String user, String password) {
      return new Store(
          Path.of("unused.db"),
          DEFAULT_READERS,
          DEFAULT_BUSY_TIMEOUT,
          url,
          user,
          password,
          DEFAULT_POOL_SIZE);
    }

    public boolean isPostgres() {
      return !postgresUrl.isEmpty();
    }

    @Override
    public String toString() {
      // The query part may carry credentials: never shown.
      return isPostgres()
          ? "PostgreSQL " + postgresUrl.replaceFirst("\\?.*$", "")
          : "SQLite " + sqliteFile;
    }
  }

  /**
   * How best-available holds are written (group commit). Keys: {@code center.claims.writers}
   * (concurrent batch transactions; default 1), {@code center.claims.batch-size} (most holds in one
   * transaction; default 128), {@code center.claims.reload-pause.ms} (how often an event that runs
   * short may read its free seats again; default 250), {@code center.claims.commit-timeout.ms} (how
   * long a request waits for its batch to commit before it answers with an error; default 30000).
   */
  public record SeatClaims(
      int writers, int batchSize, Duration reloadPause, Duration commitTimeout) {
    public static final int DEFAULT_WRITERS = 1;
    public static final int DEFAULT_BATCH_SIZE = 128;
    public static final Duration DEFAULT_RELOAD_PAUSE = Duration.ofMillis(250);
    public static final Duration DEFAULT_COMMIT_TIMEOUT = Duration.ofSeconds(30);

    public SeatClaims {
      Objects.requireNonNull(reloadPause, "reloadPause");
      Objects.requireNonNull(commitTimeout, "commitTimeout");
      if (writers < 1) {
        throw new IllegalArgumentException("center.claims.writers must be at least 1");
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("center.claims.batch-size must be at least 1");
      }
      if (reloadPause.isNegative()) {
        throw new IllegalArgumentException("center.claims.reload-pause.ms must not be negative");
      }
      if (commitTimeout.isNegative() || commitTimeout.isZero()) {
        throw new IllegalArgumentException("center.claims.commit-timeout.ms must be positive");
      }
    }

    public static SeatClaims defaults() {
      return new SeatClaims(
          DEFAULT_WRITERS, DEFAULT_BATCH_SIZE, DEFAULT_RELOAD_PAUSE, DEFAULT_COMMIT_TIMEOUT);
    }

    public SeatClaims withWriters(int count) {
      return new SeatClaims(count, batchSize, reloadPause, commitTimeout);
    }

    static SeatClaims from(Map<String, String> settings) {
      return new SeatClaims(
          CenterSettings.intOf(settings, "center.claims.writers", DEFAULT_WRITERS),
          CenterSettings.intOf(settings, "center.claims.batch-size", DEFAULT_BATCH_SIZE),
          Duration.ofMillis(
              CenterSettings.intOf(
                  settings,
                  "center.claims.reload-pause.ms",
                  (int) DEFAULT_RELOAD_PAUSE.toMillis())),
          Duration.ofMillis(
              CenterSettings.intOf(
                  settings,
                  "center.claims.commit-timeout.ms",
                  (int) DEFAULT_COMMIT_TIMEOUT.toMillis())));
    }
  }

  /**
   * Terminal authentication (HMAC-SHA256 request signatures, see {@code openapi.yaml}). Keys:
   * {@code center.auth.required} (default true; only development mode may turn it off), {@code
   * center.auth.seed-secret} (the secret of the seeded terminal {@value #SEEDED_TERMINAL}; none by
   * default in production, where terminals are registered through the operator routes; the fixed
   * development secret in development mode), {@code center.auth.max-skew.seconds} (default 300,
   * also how long a request's nonce is remembered).
   */
  public record TerminalAuth(boolean required, String seedSecret, Duration maxClockSkew) {
    public static final String SEEDED_TERMINAL = "ATM00001";
    public static final String DEV_SECRET = "kippu-dev-terminal-secret-ATM00001";
    public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(5);

    public TerminalAuth {
      seedSecret = seedSecret == null ? "" : seedSecret;
      if (!seedSecret.isEmpty() && seedSecret.length() < 16) {
        throw new IllegalArgumentException("center.auth.seed-secret needs at least 16 characters");
      }
      if (maxClockSkew.isNegative() || maxClockSkew.isZero()) {
        throw new IllegalArgumentException("center.auth.max-skew.seconds must be positive");
      }
    }

    /** Development: no signatures, the development secret seeded. */
    public static TerminalAuth off() {
      return new TerminalAuth(false, DEV_SECRET, DEFAULT_MAX_SKEW);
    }

    /** Production: signatures required, no terminal seeded. */
    public static TerminalAuth required(String seedSecret) {
      return new TerminalAuth(true, seedSecret, DEFAULT_MAX_SKEW);
    }

    public boolean seeds() {
      return !seedSecret.isEmpty();
    }

    public TerminalAuth withRequired(boolean on) {
      return new TerminalAuth(on, seedSecret, maxClockSkew);
    }
  }

  public CenterConfig {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(seatClaims, "seatClaims");
    Objects.requireNonNull(terminalAuth, "terminalAuth");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(business, "business");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (holdDuration.isZero() || holdDuration.isNegative()) {
      throw new IllegalArgumentException("hold duration must be positive");
    }
    if (sweepInterval.isNegative()) {
      throw new IllegalArgumentException("sweep interval must not be negative (0 = off)");
    }
    if (httpThreads < 1 || httpQueueCapacity < 1) {
      throw new IllegalArgumentException("threads and queue must be at least 1");
    }
    if (mode == CenterMode.PRODUCTION && !terminalAuth.required()) {
      throw new IllegalArgumentException(
          "center.auth.required=false needs center.mode=development");
    }
    if (mode == CenterMode.PRODUCTION
        && terminalAuth.seedSecret().equals(TerminalAuth.DEV_SECRET)) {
      throw new IllegalArgumentException(
          "center.auth.seed-secret is the published development secret;"
              + " production needs a secret of its own");
    }
  }

  public boolean development() {
    return mode == CenterMode.DEVELOPMENT;
  }

  /** Defaults on the SQLite file {@code databaseFile}; port {@value #DEFAULT_PORT}. */
  public static CenterConfig defaults(Path databaseFile) {
    return defaults(Store.sqlite(databaseFile));
  }

  /**
   * Production defaults on {@code store}; port {@value #DEFAULT_PORT}, terminal signatures
   * required, no terminal seeded and no demo data.
   */
  public static CenterConfig defaults(Store store) {
    return new CenterConfig(
        CenterMode.PRODUCTION,
        store,
        DEFAULT_HOST,
        DEFAULT_PORT,
        DEFAULT_HOLD,
        DEFAULT_SWEEP,
        DEFAULT_HTTP_THREADS,
        DEFAULT_HTTP_QUEUE,
        SeatClaims.defaults(),
        TerminalAuth.required(""),
        BusinessRules.defaults(),
        TlsSettings.NONE);
  }

  /** Development mode on {@code store}: the demo catalog, no terminal signatures. */
  public static CenterConfig development(Path databaseFile) {
    return development(Store.sqlite(databaseFile));
  }

  /** Development mode on {@code store}: the demo catalog, no terminal signatures. */
  public static CenterConfig development(Store store) {
    return defaults(store).withDevelopment(TerminalAuth.off());
  }

  /** Development mode with {@code auth} (the simulator signs with a secret of its own). */
  public CenterConfig withDevelopment(TerminalAuth auth) {
    return new CenterConfig(
        CenterMode.DEVELOPMENT,
        store,
        host,
        port,
        holdDuration,
        sweepInterval,
        httpThreads,
        httpQueueCapacity,
        seatClaims,
        auth,
        business,
        tls);
  }

  /**
   * Reads the keys listed above; anything absent takes its default, and a key the center does not
   * know stops it, named (a typo must not run the center on other settings).
   */
  public static CenterConfig from(Map<String, String> settings) {
    return CenterSettings.config(settings);
  }

  public CenterConfig withPort(int newPort) {
    return new CenterConfig(
        mode,
        store,
        host,
        newPort,
        holdDuration,
        sweepInterval,
        httpThreads,
        httpQueueCapacity,
        seatClaims,
        terminalAuth,
        business,
        tls);
  }

  public CenterConfig withHoldDuration(Duration hold) {
    return new CenterConfig(
        mode,
        store,
        host,
        port,
        hold,
        sweepInterval,
        httpThreads,
        httpQueueCapacity,
        seatClaims,
        terminalAuth,
        business,
        tls);
  }

  /** {@code Duration.ZERO} turns the background sweeper off (expiry stays lazy). */
  public CenterConfig withSweepInterval(Duration interval) {
    return new CenterConfig(
        mode,
        store,
        host,
        port,
        holdDuration,
        interval,
        httpThreads,
        httpQueueCapacity,
        seatClaims,
        terminalAuth,
        business,
        tls);
  }

  public CenterConfig withTerminalAuth(TerminalAuth auth) {
    return new CenterConfig(
        mode,
        store,
        host,
        port,
        holdDuration,
        sweepInterval,
        httpThreads,
        httpQueueCapacity,
        seatClaims,
        auth,
        business,
        tls);
  }

  public CenterConfig withBusiness(BusinessRules rules) {
    return new CenterConfig(
        mode,
        store,
        host,
        port,
        holdDuration,
        sweepInterval,
        httpThreads,
        httpQueueCapacity,
        seatClaims,
        terminalAuth,
        rules,
        tls);
  }

  public CenterConfig withTls(TlsSettings https) {
    return new CenterConfig(
        mode,
        store,
        host,
        port,
        holdDuration,
        sweepInterval,
        httpThreads,
        httpQueueCapacity,
        seatClaims,
        terminalAuth,
        business,
        https);
  }

  public CenterConfig withSeatClaims(SeatClaims claims) {
    return new CenterConfig(
        mode,
        store,
        host,
        port,
        holdDuration,
        sweepInterval,
        httpThreads,
        httpQueueCapacity,
        claims,
        terminalAuth,
        business,
        tls);
  }
}
