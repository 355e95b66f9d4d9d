package com.kippu.simulator.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The sessions a terminal JVM serves in a benchmark run: a warm-up with the payment methods in
 * turn, then measured rounds of one echo, one GET and one session per method, then more sessions up
 * to the count after which the heap is read (after full collections). Reports as {@code key value}
 * lines: each series' durations, the sessions that did not complete, and the heap.
 */
final class TerminalSessions {
  /** The sizes of a run. */
  record Plan(int warmup, int rounds, int heapAfter, int customers, Path cards) {
    List<String> args() {
      return List.of(
          Integer.toString(warmup),
          Integer.toString(rounds),
          Integer.toString(heapAfter),
          Integer.toString(customers),
          cards.toAbsolutePath().toString());
    }

    static Plan of(List<String> args) {
      return new Plan(
          Integer.parseInt(args.get(0)),
          Integer.parseInt(args.get(1)),
          Integer.parseInt(args.get(2)),
          Integer.parseInt(args.get(3)),
          Path.of(args.get(4)));
    }
  }

  private TerminalSessions() {}

  static void serve(
      BenchTerminal terminal, Properties properties, Plan plan, Clock clock, PrintStream out)
      throws Exception {
    List<BenchCustomer> customers = new ArrayList<>();
    for (int i = 1; i <= plan.customers(); i++) {
      customers.add(new BenchCustomer(i));
    }
    SessionDriver driver = new SessionDriver(terminal, customers, plan.cards());
    List<BenchMethod> methods = BenchMethod.ALL;
    Baselines warm = new Baselines(terminal, properties, clock);
    long begin = System.nanoTime();
    for (int i = 0; i < plan.warmup(); i++) {
      driver.play(methods.get(i % methods.size()));
      if (i % methods.size() == 0) {
        warm.sample();
      }
    }
    out.println("warmup-nanos " + (System.nanoTime() - begin));
    int failedInWarmup = driver.failed();
    Baselines measured = new Baselines(terminal, properties, clock);
    Map<BenchMethod, Samples> times = new LinkedHashMap<>();
    methods.forEach(m -> times.put(m, new Samples()));
    for (int round = 0; round < plan.rounds(); round++) {
      measured.sample();
      for (BenchMethod m : methods) {
        long nanos = driver.play(m);
        if (nanos >= 0) {
          times.get(m).add(nanos);
        }
      }
    }
    int failedMeasured = driver.failed() - failedInWarmup;
    for (int i = 0; driver.played() < plan.heapAfter(); i++) {
      driver.play(methods.get(i % methods.size()));
    }
    out.println("samples.echo " + measured.echoes().encode());
    out.println("samples.get " + measured.gets().encode());
    times.forEach((m, s) -> out.println("samples." + m.name() + " " + s.encode()));
    out.println("failed-warmup " + failedInWarmup);
    out.println("failed-measured " + failedMeasured);
    out.println("failed " + driver.failed());
    out.println("first-failure " + driver.firstFailure());
    out.println("sessions " + driver.played());
    heap(out);
  }

  /** The heap after full collections: several, a pause between, so what finalizers free is gone. */
  private static void heap(PrintStream out) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    out.println("heap-used " + heap.getUsed());
    out.println("heap-committed " + heap.getCommitted());
    out.println("heap-max " + heap.getMax());
  }
}
