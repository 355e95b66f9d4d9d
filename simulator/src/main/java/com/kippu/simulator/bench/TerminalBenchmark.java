package com.kippu.simulator.bench;

import com.kippu.atm.spi.TerminalProfile;
import com.kippu.center.catalog.EventId;
import com.kippu.simulator.Branch;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * {@code kippu-simulator bench-terminal}: the terminal plugin's own costs on a real branch (bank
 * host and card network over TCP, issuer center over HTTP, SQLite everywhere): machine time per
 * customer session and payment method against baselines measured in the same run, heap after many
 * sessions in a JVM capped at 64 MB, and cold start in a fresh JVM beside a warm one. See
 * docs/PERFORMANCE.md, "Terminal plugin".
 */
public final class TerminalBenchmark {
  /** Tickets a bench card holds at most by the end of a run; each session reads all of them. */
  static final int TICKETS_PER_CARD = 10;

  static final String HEAP_LIMIT = "-Xmx64m";

  /**
   * What to run: where the branch lives (an empty directory), the sizes of each phase, and options
   * added to every terminal JVM's command line (to profile it, or try a JVM setting).
   */
  public record Options(
      Path dir,
      int sessions,
      int warmup,
      int heapSessions,
      int starts,
      List<String> terminalJvmOptions) {
    public Options {
      if (sessions < 1 || warmup < 0 || heapSessions < 1 || starts < 1) {
        throw new IllegalArgumentException(
            "sessions, heap sessions and starts must be at least 1, warm-up at least 0");
      }
      terminalJvmOptions = List.copyOf(terminalJvmOptions);
    }
  }

  private final Options options;
  private final PrintWriter out;
  private final Clock clock = Clock.systemUTC();

  public TerminalBenchmark(Options options, PrintWriter out) {
    this.options = options;
    this.out = out;
  }

  /** Runs every phase and prints the figures; returns 0, or 1 when a session did not complete. */
  public int run() throws Exception {
    long begin = System.nanoTime();
    out.printf(
        Locale.ROOT,
        "bench-terminal: %d cores, load average %.2f, %s %s%n",
        Runtime.getRuntime().availableProcessors(),
        loadAverage(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"));
    int total = sessionCount();
    Path branchDir = options.dir().resolve("branch");
    TerminalSetup.ownerOnlyDirectory(branchDir);
    TerminalSetup setup = new TerminalSetup();
    List<EventId> events = BenchSeed.center(branchDir, total, setup, clock);
    try (Branch branch =
        Branch.open(
            branchDir,
            clock,
            Branch.TERMINAL_ID,
            Branch.PRESENT_TIMEOUT,
            TerminalProfile.Kind.BANK_ATM)) {
      // As when an issuer publishes them: the center reads the events' seat maps now.
      events.forEach(branch.center()::prepareSale);
      int customerCount = Math.max(1, (total + TICKETS_PER_CARD - 1) / TICKETS_PER_CARD);
      List<BenchCustomer> customers = BenchSeed.customers(branch, customerCount);
      Path terminalDir = branchDir.resolve(TerminalSetup.TERMINAL_ID);
      Properties terminal = setup.install(branch, terminalDir);
      out.printf(
          Locale.ROOT,
          "branch: bank host, card network and issuer center in this JVM; terminal %s (%s);"
              + " %d customers, %d bench events of %d seats at %d yen%n",
          TerminalSetup.TERMINAL_ID,
          TerminalProfile.Kind.BANK_ATM,
          customers.size(),
          events.size(),
          BenchSeed.SEATS_PER_EVENT,
          BenchSeed.SEAT_PRICE_YEN);
      Path cards = branchDir.resolve("cards");
      int failed =
          sessions(
              terminal,
              new TerminalSessions.Plan(
                  options.warmup(),
                  options.sessions(),
                  options.heapSessions(),
                  customers.size(),
                  cards),
              terminalDir);
      starts(terminal, terminalDir, total);
      out.printf(
          Locale.ROOT,
          "seats used: %d of %d; load average %.2f at the end; %.0f s in all%n",
          total,
          events.size() * BenchSeed.SEATS_PER_EVENT,
          loadAverage(),
          (System.nanoTime() - begin) / 1e9);
      return failed == 0 ? 0 : 1;
    }
  }

  /** Sessions in all: the warm-up and measured ones, and more up to the heap count. */
  private int sessionCount() {
    return Math.max(
        options.heapSessions(), options.warmup() + options.sessions() * BenchMethod.ALL.size());
  }

  /**
   * The terminal JVM, capped at 64 MB: warm-up, measured rounds, sessions up to the heap count,
   * heap. Returns how many sessions did not complete.
   */
  private int sessions(Properties terminal, TerminalSessions.Plan plan, Path terminalDir)
      throws Exception {
    List<String> args = new ArrayList<>();
    args.add(TerminalProcess.SERVE);
    args.addAll(plan.args());
    TerminalProcess.Result child =
        TerminalProcess.run(
            terminal,
            jvmOptions(HEAP_LIMIT, "-XX:+ExitOnOutOfMemoryError"),
            args,
            terminalDir.resolve("terminal-jvm.err"));
    out.printf(
        Locale.ROOT,
        "terminal JVM (%s): started on a new journal in %.0f ms; warm-up %d sessions in %.1f s;"
            + " then %d rounds of one echo, one GET and one session per method%n",
        HEAP_LIMIT,
        (child.number("start-nanos") + child.number("recover-nanos")) / 1e6,
        plan.warmup(),
        child.number("warmup-nanos") / 1e9,
        plan.rounds());
    Samples echoes = Samples.parse(child.figure("samples.echo"));
    Samples gets = Samples.parse(child.figure("samples.get"));
    out.printf(
        Locale.ROOT,
        "baseline echo: p50 %.2f ms p99 %.2f ms (0800 on the terminal's bank link)%n",
        echoes.percentileMillis(50),
        echoes.percentileMillis(99));
    out.printf(
        Locale.ROOT,
        "baseline GET /v1/events: p50 %.2f ms p99 %.2f ms (bare signed GET)%n",
        gets.percentileMillis(50),
        gets.percentileMillis(99));
    for (BenchMethod m : BenchMethod.ALL) {
      Samples s = Samples.parse(child.figure("samples." + m.name()));
      if (s.size() == 0) {
        out.printf("session %s: no session completed%n", m.name());
        continue;
      }
      double p50 = s.percentileMillis(50);
      out.printf(
          Locale.ROOT,
          "session %s: p50 %.1f ms p99 %.1f ms%n",
          m.name(),
          p50,
          s.percentileMillis(99));
      out.printf(
          Locale.ROOT,
          "  p50 = %.1f echoes = %.1f GETs (p50 of each); %d of %d completed%n",
          p50 / echoes.percentileMillis(50),
          p50 / gets.percentileMillis(50),
          s.size(),
          plan.rounds());
    }
    int failed = Integer.parseInt(child.figure("failed"));
    int sessions = Integer.parseInt(child.figure("sessions"));
    out.printf(
        Locale.ROOT, "heap after %d sessions: %.1f MB%n", sessions, mb(child.number("heap-used")));
    out.printf(
        Locale.ROOT,
        "  used after full GCs in the terminal JVM, %d of %d sessions completed under %s"
            + " (committed %.1f MB)%n",
        sessions - failed,
        sessions,
        HEAP_LIMIT,
        mb(child.number("heap-committed")));
    if (failed > 0) {
      out.printf(
          "sessions not completed: %s in the warm-up, %s measured, %d in all; first: %s%n",
          child.figure("failed-warmup"),
          child.figure("failed-measured"),
          failed,
          child.figure("first-failure"));
    }
    return failed;
  }

  /**
   * Cold starts, each in a fresh JVM, of the terminal whose journal now holds {@code journaled}
   * sessions, then warm starts of the same terminal in this JVM.
   */
  private void starts(Properties terminal, Path terminalDir, int journaled) throws Exception {
    List<Long> cold = new ArrayList<>();
    StringBuilder each = new StringBuilder();
    for (int i = 0; i < options.starts(); i++) {
      TerminalProcess.Result child =
          TerminalProcess.run(
              terminal,
              jvmOptions(),
              List.of(TerminalProcess.START),
              terminalDir.resolve("cold-start.err"));
      long start = child.number("start-nanos");
      long recover = child.number("recover-nanos");
      cold.add(start + recover);
      each.append(
          String.format(
              Locale.ROOT,
              "%s%.0f + %.0f ms (CPU %s ms; before it: config %.0f ms, JVM launch %s ms;"
                  + " process %.0f ms)",
              i == 0 ? "" : "; ",
              start / 1e6,
              recover / 1e6,
              child.figure("start-cpu-millis"),
              child.number("config-nanos") / 1e6,
              child.figure("launch-millis"),
              child.wallNanos() / 1e6));
    }
    out.printf(Locale.ROOT, "cold start: %.0f ms%n", median(cold) / 1e6);
    out.printf(
        Locale.ROOT,
        "  median of %d fresh JVMs, journal of %d sessions; start + recover each: %s%n",
        cold.size(),
        journaled,
        each);
    List<Long> warm = new ArrayList<>();
    for (int i = 0; i < options.starts(); i++) {
      try (BenchTerminal t = BenchTerminal.start(terminal, clock)) {
        warm.add(t.startNanos() + t.recoverNanos());
      }
    }
    out.printf(
        Locale.ROOT,
        "warm start: %.0f ms (the same start in this JVM, median of %d)%n",
        median(warm) / 1e6,
        warm.size());
  }

  private List<String> jvmOptions(String... own) {
    List<String> all = new ArrayList<>(List.of(own));
    all.addAll(options.terminalJvmOptions());
    return all;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get((sorted.size() - 1) / 2);
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
