package com.kippu.simulator.bench;

import com.kippu.atm.bank.BankLinkConfig;
import com.kippu.atm.bank.JposBankHost;
import com.kippu.atm.bank.LinkSetup;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.simulator.bank.BankHostServer;
import com.kippu.simulator.bank.HostOptions;
import com.kippu.simulator.bank.SoftwarePinPad;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Account transfers per second and latency through the plugin's bank link ({@link JposBankHost},
 * several concurrent callers, durable SQLite link state) to the simulator's bank host over TCP
 * (spec checks, MACs, group-committed SQLite ledger), beside a bare jPOS QMUX echo loop measured in
 * the same run, and the ratio of the two. Arguments: {@code [seconds] [callers]} (default 10 and
 * 32). See docs/PERFORMANCE.md.
 */
public final class BankLinkBenchmark {
  private static final int ACCOUNTS = 1_000;

  /** The PIN of every benchmark customer's cash card. */
  private static final String PIN = "1357";

  private static final Duration WARMUP = Duration.ofSeconds(3);

  private BankLinkBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int callers = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    Logger.getLogger("").setLevel(Level.WARNING);
    Logger.getLogger("com.kippu").setLevel(Level.WARNING);
    Path dir = Files.createTempDirectory("kippu-bench");
    try {
      System.out.printf(
          "bank link benchmark: %d s measured after %d s warm-up, %d callers, %d cores,"
              + " load average %.2f%n",
          seconds,
          WARMUP.toSeconds(),
          callers,
          Runtime.getRuntime().availableProcessors(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      Result transfers = transfers(dir, seconds, callers);
      Result echoes = bareEchoes(seconds, callers);
      print("transfers (JposBankHost -> bank host)", transfers);
      print("bare jPOS QMUX echo", echoes);
      System.out.printf("ratio transfers/echo: %.2f%n", transfers.perSecond() / echoes.perSecond());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(BankLinkBenchmark::deleteQuietly);
      }
    }
  }

  private static Result transfers(Path dir, int seconds, int callers) throws Exception {
    try (BankHostServer server =
        BankHostServer.start(dir.resolve("bank.db"), HostOptions.defaults(0))) {
      List<AccountNumber> customers = new ArrayList<>();
      for (int i = 0; i < ACCOUNTS; i++) {
        AccountNumber a = new AccountNumber(String.format("0001-001-%07d", i));
        server.ledger().openAccount(a, "BENCH " + i, 1_000_000_000L);
        server.issueCashCard(CardNumber.ofCashAccount(a), a, PIN.toCharArray());
        customers.add(a);
      }
      AccountNumber issuer = new AccountNumber("0009-100-7654321");
      server.ledger().openAccount(issuer, "KIPPU TICKETS", 0);
      long before = server.ledger().totalBalance();
      BankLinkConfig config =
          new BankLinkConfig(
              "127.0.0.1",
              server.port(),
              Duration.ofSeconds(10),
              Duration.ofSeconds(5),
              "BENCH001",
              "KIPPU-BENCH",
              "0001");
      long[] commitsBefore;
      Result result;
      SoftwarePinPad pad = new SoftwarePinPad(config.terminalId());
      try (JposBankHost link =
          JposBankHost.connect(
              config,
              LinkSetup.development(config.terminalId()).withPinPad(pad),
              dir.resolve("terminal-state.db"),
              Clock.systemUTC())) {
        AtomicInteger next = new AtomicInteger();
        Call call =
            () -> {
              int n = next.getAndIncrement();
              AccountNumber from = customers.get(Math.floorMod(n, ACCOUNTS));
              CardNumber card = CardNumber.ofCashAccount(from);
              String id = "bench-" + n;
              TransferRequest request =
                  new TransferRequest(
                      id, card, from, issuer, Money.yen(100), pad.pinBlock(card, PIN));
              boolean approved = link.transfer(request).approved();
              // As a flow does once the ticket is issued: the link may forget the approval.
              link.settled(id);
              return approved;
            };
        run(call, callers, WARMUP);
        commitsBefore = server.ledger().commitStatistics();
        result = run(call, callers, Duration.ofSeconds(seconds));
      }
      long[] commitsAfter = server.ledger().commitStatistics();
      long batches = commitsAfter[0] - commitsBefore[0];
      long ops = commitsAfter[1] - commitsBefore[1];
      System.out.printf(
          "host ledger: %d commits for %d operations (%.1f per commit); balances %s%n",
          batches,
          ops,
          batches == 0 ? 0.0 : (double) ops / batches,
          before == server.ledger().totalBalance() ? "conserved" : "NOT CONSERVED");
      return result;
    }
  }

  private static Result bareEchoes(int seconds, int callers) throws Exception {
    try (BareEchoLink link = new BareEchoLink()) {
      AtomicInteger stan = new AtomicInteger();
      Call call = () -> link.echo("BENCH002", 1 + Math.floorMod(stan.getAndIncrement(), 999_999));
      run(call, callers, WARMUP);
      return run(call, callers, Duration.ofSeconds(seconds));
    }
  }

  /** One request; true when it was answered as expected. */
  private interface Call {
    boolean call() throws Exception;
  }

  private record Result(
      long count, long failures, double seconds, long[] latenciesNanos, long cpuNanos) {
    double perSecond() {
      return count / seconds;
    }

    /** CPU time of the whole JVM (callers, link, host) per request, in microseconds. */
    double cpuMicrosPerRequest() {
      return count == 0 || cpuNanos < 0 ? Double.NaN : cpuNanos / 1e3 / count;
    }

    double percentileMillis(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p * latenciesNanos.length) - 1);
      return latenciesNanos[Math.max(0, i)] / 1e6;
    }
  }

  private static Result run(Call call, int callers, Duration duration) throws InterruptedException {
    AtomicLong failures = new AtomicLong();
    List<long[]> perThread = new ArrayList<>();
    int[] counts = new int[callers];
    CountDownLatch done = new CountDownLatch(callers);
    int capacity =
        (int) Math.min(Integer.MAX_VALUE - 8, 200_000L * duration.toSeconds() / callers + 10_000);
    for (int t = 0; t < callers; t++) {
      perThread.add(new long[capacity]);
    }
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    for (int t = 0; t < callers; t++) {
      long[] lat = perThread.get(t);
      int id = t;
      Thread th =
          new Thread(
              () -> {
                int n = 0;
                try {
                  while (System.nanoTime() < end && n < lat.length) {
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                      ok = call.call();
                    } catch (Exception e) {
                      ok = false;
                    }
                    lat[n++] = System.nanoTime() - t0;
                    if (!ok) {
                      failures.incrementAndGet();
                    }
                  }
                } finally {
                  counts[id] = n;
                  done.countDown();
                }
              },
              "bench-caller-" + t);
      th.setDaemon(true);
      th.start();
    }
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    long cpu = cpuStart < 0 ? -1 : processCpuNanos() - cpuStart;
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int k = 0;
    for (int t = 0; t < callers; t++) {
      System.arraycopy(perThread.get(t), 0, all, k, counts[t]);
      k += counts[t];
    }
    Arrays.sort(all);
    return new Result(total, failures.get(), seconds, all, cpu);
  }

  private static void print(String what, Result r) {
    System.out.printf(
        "%-40s %8.0f /s  p50 %6.2f ms  p99 %6.2f ms  CPU %5.0f us/req  (%d requests, %d failed)%n",
        what,
        r.perSecond(),
        r.percentileMillis(0.50),
        r.percentileMillis(0.99),
        r.cpuMicrosPerRequest(),
        r.count(),
        r.failures());
  }

  /** CPU time this JVM has used so far, all threads; -1 when the platform does not tell. */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // A temporary file left behind is harmless.
    }
  }
}
