package com.kippu.center.load;

import com.kippu.center.CenterConfig;
import com.kippu.center.IssuerCenterServer;
import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.sql.SqlCatalogRepository;
import com.kippu.center.db.Database;
import com.kippu.center.terminal.sql.SqlTerminalRepository;
import com.sun.management.OperatingSystemMXBean;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The flash-sale load command: one event, thousands of terminals over HTTP, first against the SKIP
 * LOCKED baseline and then against the center's batched claims (order alternating by round), on the
 * same PostgreSQL, each on a fresh database with its own center started in-process on loopback.
 * Prints holds per second, latency percentiles and the oversold count from the database, and the
 * ratio of the two strategies; with {@code --nodes N} the batched claims also run on N centers
 * sharing the database, and the seats the database refused them (two nodes reaching for one seat)
 * are printed. Usage: see {@link FlashSaleOptions} and docs/PERFORMANCE.md.
 */
public final class FlashSale {
  private static final String SALE_EVENT = "flash-sale";
  private static final String WARMUP_EVENT = "flash-warmup";
  private static final String SLOW_WARMUP_EVENT = "flash-warmup-slow";

  /**
   * One strategy's figures in one round. CPU per hold (this JVM: center and terminals; the embedded
   * PostgreSQL, -1 when not ours) is steadier than throughput on a shared machine. The JIT
   * compiler's CPU during the sale (-1 if unknown) shows whether the JVM was warm.
   */
  record Figures(
      String strategy,
      int round,
      SaleRun sale,
      SaleAudit audit,
      double loadBefore,
      double jvmMicrosPerHold,
      double postgresMicrosPerHold,
      long compilerMillis,
      long refusedSeats) {
    long oversold() {
      return audit.oversold() + audit.inconsistent() + sale.doubleAnswered;
    }
  }

  private final FlashSaleOptions options;
  private final PrintStream out;

  FlashSale(FlashSaleOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    FlashSaleOptions options;
    try {
      options = FlashSaleOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("FlashSale: " + e.getMessage());
      System.exit(2);
      return;
    }
    List<Figures> figures = new FlashSale(options, System.out).run();
    boolean sound = figures.stream().allMatch(f -> f.oversold() == 0);
    System.exit(sound ? 0 : 1);
  }

  /** Runs every round and strategy, prints the report and returns the figures. */
  List<Figures> run() {
    out.printf(
        Locale.ROOT,
        "flash sale: %d seats, %d terminals, %s, %d seat(s) per hold, pay %.0f%%, %d cores%n",
        options.seats(),
        options.terminals(),
        options.rate() == 0 ? "closed loop" : options.rate() + " holds/s offered",
        options.quantity(),
        options.pay() * 100,
        Runtime.getRuntime().availableProcessors());
    EmbeddedPostgres embedded = null;
    String adminUrl = options.postgres();
    if (options.postgres().equals(FlashSaleOptions.EMBEDDED)) {
      embedded = EmbeddedPostgres.start(EmbeddedPostgres.Durability.DURABLE, 300);
      EmbeddedPostgres server = embedded;
      // Interrupted runs (Ctrl-C) must not leave a server behind.
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "flash-sale-postgres-stop"));
      adminUrl = embedded.adminUrl();
      out.println("PostgreSQL 16 embedded, durable commits (fsync on, synchronous_commit on)");
    }
    List<Figures> figures = new ArrayList<>();
    try {
      String tag = Long.toString(ProcessHandle.current().pid());
      for (int round = 0; round < options.rounds(); round++) {
        for (String strategy : options.order(round)) {
          String db = "flash_" + strategy.replace('-', '_') + "_" + tag + "_" + round;
          Figures f =
              runOne(
                  strategy,
                  round,
                  EmbeddedPostgres.createDatabase(adminUrl, db),
                  Optional.ofNullable(embedded));
          // Audited: the next run must not share the server with this one's vacuum.
          EmbeddedPostgres.dropDatabase(adminUrl, db);
          figures.add(f);
          print(f);
        }
      }
      summary(figures);
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
    return figures;
  }

  private Figures runOne(
      String strategy, int round, String url, Optional<EmbeddedPostgres> postgres) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("center.db.url", url);
    settings.put("center.port", "0");
    settings.put("center.sweep.seconds", "0");
    settings.put("center.http.threads", Integer.toString(options.httpThreadsFor(strategy)));
    settings.put("center.http.queue", Integer.toString(options.terminals() * 4));
    settings.put("center.db.pool.size", Integer.toString(options.poolFor(strategy)));
    // Every terminal request is signed and checked, as at a real sale.
    settings.put("center.auth.required", "true");
    // The demo issuer and the development terminal secret the fleet signs with.
    settings.put("center.mode", "development");
    CenterConfig config = CenterConfig.from(settings);
    IssuerCenterServer.ClaimStrategy claims =
        strategy.equals("baseline")
            ? (database, clock, tuning) -> SkipLockedSeatClaims.open(database)
            : IssuerCenterServer.BATCHED;
    try (CenterNodes centers =
            CenterNodes.start(config, FlashSaleOptions.nodesOf(strategy), claims);
        Database db = Database.open(config.store())) {
      SqlCatalogRepository catalog = new SqlCatalogRepository(db);
      catalog.addEvent(Venue.event(SALE_EVENT), Venue.seats(SALE_EVENT, options.seats()));
      if (options.warmupSeats() > 0) {
        catalog.addEvent(
            Venue.event(WARMUP_EVENT), Venue.seats(WARMUP_EVENT, options.warmupSeats()));
        catalog.addEvent(
            Venue.event(SLOW_WARMUP_EVENT), Venue.seats(SLOW_WARMUP_EVENT, slowWarmupSeats()));
      }
      // The seat map gets the statistics a real sale's database would have. Only the seat table:
      // statistics taken of the still empty reservation tables would make the planner believe
      // they stay empty.
      db.write(
          c -> {
            try (Statement st = c.createStatement()) {
              return st.executeUpdate("ANALYZE seat");
            }
          });
      // As when an issuer publishes them: the center reads each event's seats into memory now,
      // long before its rush (the warm-up sale runs in between).
      centers.prepareSale(new EventId(SALE_EVENT));
      if (options.warmupSeats() > 0) {
        centers.prepareSale(new EventId(WARMUP_EVENT));
        centers.prepareSale(new EventId(SLOW_WARMUP_EVENT));
      }
      try (TerminalFleet fleet = new TerminalFleet(centers.addresses(), options.terminals())) {
        fleet.registerWith(new SqlTerminalRepository(db), Instant.now());
        if (options.warmupSeats() > 0) {
          // At the measured rate: the same paths of center and terminals get profiled. While the
          // cores are saturated HotSpot raises its thresholds for the optimising compiler with
          // the length of its queue, so the hottest methods leave this sale still in profiled
          // code. A sixth as many seats at a fifth of the rate, with the cores to spare, gets
          // them compiled: without it the first measured sale spent one of the two cores in the
          // compiler (3 s of its 4.6) and missed its p99 by a factor of four.
          fleet.run(plan("W" + round, WARMUP_EVENT, options.rate()));
          awaitCompilerQuiet();
          fleet.run(plan("V" + round, SLOW_WARMUP_EVENT, slowWarmupRate()));
          awaitCompilerQuiet();
        }
        checkpoint(db);
        OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double load = os.getSystemLoadAverage();
        long jvmBefore = os.getProcessCpuTime();
        long pgBefore = postgres.map(p -> p.cpuTime().toNanos()).orElse(0L);
        long compilerBefore = CompilerCpu.millis();
        long refusedBefore = centers.refusedSeats();
        SaleRun sale = fleet.run(plan("S" + round, SALE_EVENT, options.rate()));
        long compiler = compilerBefore < 0 ? -1 : CompilerCpu.millis() - compilerBefore;
        double holds = Math.max(1, sale.holds);
        double jvm = (os.getProcessCpuTime() - jvmBefore) / 1e3 / holds;
        double pg =
            postgres.isEmpty() ? -1 : (postgres.get().cpuTime().toNanos() - pgBefore) / 1e3 / holds;
        long refused = refusedBefore < 0 ? -1 : centers.refusedSeats() - refusedBefore;
        return new Figures(
            strategy, round, sale, SaleAudit.of(db, SALE_EVENT), load, jvm, pg, compiler, refused);
      }
    }
  }

  private int slowWarmupSeats() {
    return Math.max(1, options.warmupSeats() / 6);
  }

  /** A fifth of the offered rate; 1,000 holds/s when the sale is a closed loop. */
  private int slowWarmupRate() {
    return options.rate() == 0 ? 1_000 : Math.max(1, options.rate() / 5);
  }

  /**
   * Lets the JIT finish what the warm-up queued. On two cores the compiler threads fall behind a
   * saturating warm-up; the methods still queued would otherwise be compiled during the measured
   * sale, on the cores the center needs. A center that has served for a while is in this state.
   */
  private void awaitCompilerQuiet() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return;
    }
    long start = System.nanoTime();
    long last = jit.getTotalCompilationTime();
    int quietPolls = 0;
    while (quietPolls < 4 && System.nanoTime() - start < 30_000_000_000L) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      long now = jit.getTotalCompilationTime();
      quietPolls = now == last ? quietPolls + 1 : 0;
      last = now;
    }
  }

  /**
   * Each measured sale starts from the same state: no checkpoint owed from the set-up. Needs a
   * superuser (the embedded server's user is one); elsewhere the sale runs without it.
   */
  private void checkpoint(Database db) {
    try {
      db.write(
          c -> {
            try (Statement st = c.createStatement()) {
              return st.execute("CHECKPOINT");
            }
          });
    } catch (RuntimeException e) {
      out.println("  (no CHECKPOINT before the sale: " + e.getMessage() + ")");
    }
  }

  private SalePlan plan(String name, String eventId, int rate) {
    return new SalePlan(
        name,
        eventId,
        Optional.empty(),
        options.quantity(),
        rate,
        options.pay(),
        options.timeLimit());
  }

  private void print(Figures f) {
    SaleRun s = f.sale();
    out.printf(
        Locale.ROOT,
        "round %d %-10s holds %6d  %7.0f holds/s  p50 %6.1f ms  p99 %6.1f ms  p99.9 %6.1f ms"
            + "  max %6.1f ms  sold out %d  errors %d  oversold %d  seats held %d/%d"
            + "  tickets %d/%d  cpu/hold jvm %.0f us pg %.0f us  jit %d ms  refused %d"
            + "  (load %.1f)%n",
        f.round() + 1,
        f.strategy(),
        s.holds,
        s.holdsPerSecond(),
        s.holdLatency.millis(0.50),
        s.holdLatency.millis(0.99),
        s.holdLatency.millis(0.999),
        s.holdLatency.millis(1.0),
        s.notEnoughSeats,
        s.errorCount(),
        f.oversold(),
        f.audit().seatsTaken(),
        options.seats(),
        f.audit().tickets(),
        s.issued,
        f.jvmMicrosPerHold(),
        f.postgresMicrosPerHold(),
        f.compilerMillis(),
        f.refusedSeats(),
        f.loadBefore());
    if (!s.errors.isEmpty()) {
      out.println("  errors: " + s.errors);
    }
    if (s.seatsHeld != f.audit().seatsTaken()) {
      out.printf(
          Locale.ROOT,
          "  answered %d seats held, the database has %d%n",
          s.seatsHeld,
          f.audit().seatsTaken());
    }
  }

  private void summary(List<Figures> figures) {
    Map<String, Double> best = new LinkedHashMap<>();
    for (Figures f : figures) {
      best.merge(f.strategy(), f.sale().holdsPerSecond(), Math::max);
    }
    if (best.containsKey("baseline") && best.containsKey("batched") && best.get("baseline") > 0) {
      out.printf(
          Locale.ROOT,
          "ratio batched/baseline (best round each): %.2f%n",
          best.get("batched") / best.get("baseline"));
    }
    String nodes = "batched-" + options.nodes() + "n";
    if (best.containsKey(nodes) && best.containsKey("batched") && best.get("batched") > 0) {
      out.printf(
          Locale.ROOT,
          "ratio %d nodes/1 node, batched (best round each): %.2f%n",
          options.nodes(),
          best.get(nodes) / best.get("batched"));
    }
    long oversold = figures.stream().mapToLong(Figures::oversold).sum();
    out.println("oversold seats across all runs: " + oversold);
  }
}
