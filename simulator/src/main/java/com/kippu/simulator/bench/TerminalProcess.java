package com.kippu.simulator.bench;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The benchmark's ATM in a JVM of its own, as at a bank: {@code start} starts the plugin once and
 * stops (a cold start: nothing loaded, nothing compiled); {@code serve} followed by a {@link
 * TerminalSessions.Plan} serves customer sessions. The simulated hosts stay in the parent; the
 * configuration, keys included, comes on standard input, never on disk or the command line. Figures
 * go to standard output as {@code key value} lines.
 */
public final class TerminalProcess {
  /** How long a child may run before the benchmark gives up on it. */
  private static final long CHILD_TIMEOUT_MINUTES = 10;

  /** Starts the plugin once and stops. */
  static final String START = "start";

  /** Starts the plugin and serves {@link TerminalSessions}. */
  static final String SERVE = "serve";

  private TerminalProcess() {}

  public static void main(String[] args) {
    long entered = System.currentTimeMillis();
    int exit = 1;
    try {
      play(args, entered);
      exit = 0;
    } catch (Exception | Error e) {
      e.printStackTrace();
    }
    System.out.flush();
    // jPOS and HTTP client threads would keep the JVM up a little longer; nothing is left to do.
    System.exit(exit);
  }

  private static void play(String[] args, long entered) throws Exception {
    Properties properties = new Properties();
    properties.load(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Path dir = Path.of(properties.getProperty("journal.file")).toAbsolutePath().getParent();
    logTo(dir.resolve("terminal-" + args[0] + ".log"));
    PrintStream out = System.out;
    Clock clock = Clock.systemUTC();
    long cpuBefore = cpuMillis();
    try (BenchTerminal terminal = BenchTerminal.start(properties, clock)) {
      long cpuAfter = cpuMillis();
      out.println("start-cpu-millis " + (cpuBefore < 0 ? -1 : cpuAfter - cpuBefore));
      out.println("config-nanos " + terminal.configNanos());
      out.println("start-nanos " + terminal.startNanos());
      out.println("recover-nanos " + terminal.recoverNanos());
      out.println(
          "launch-millis " + (entered - ManagementFactory.getRuntimeMXBean().getStartTime()));
      if (args[0].equals(SERVE)) {
        TerminalSessions.Plan plan =
            TerminalSessions.Plan.of(List.of(args).subList(1, args.length));
        TerminalSessions.serve(terminal, properties, plan, clock, out);
      }
    }
  }

  /**
   * CPU time of this process so far, all threads (the JIT compilers too), in milliseconds from
   * {@code /proc/self/stat} (10 ms steps); -1 where there is no such file.
   */
  private static long cpuMillis() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // Fields after the command name, which ends with the last ')': state is the first, then
      // utime and stime (fields 14 and 15 of proc(5)) are the 12th and 13th, in 1/100 s.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Log records go to {@code file}, INFO and up, as an ATM's log would. */
  private static void logTo(Path file) throws IOException {
    LogManager.getLogManager().reset();
    FileHandler handler = new FileHandler(file.toString(), true);
    handler.setFormatter(new SimpleFormatter());
    handler.setLevel(Level.INFO);
    Logger root = Logger.getLogger("");
    root.setLevel(Level.INFO);
    root.addHandler(handler);
  }

  /** A finished child: its figures and how long the process ran, launch to exit. */
  record Result(Map<String, String> figures, long wallNanos) {
    long number(String key) {
      return Long.parseLong(figure(key));
    }

    String figure(String key) {
      String value = figures.get(key);
      if (value == null) {
        throw new IllegalStateException("the terminal process did not report " + key);
      }
      return value;
    }
  }

  /**
   * Runs a child JVM with {@code jvmOptions} and {@code args} on this JVM's class path, hands it
   * {@code properties} and collects its figures; its standard error goes to {@code errors}.
   *
   * @throws IOException when it fails or does not end in time; the message ends with its errors
   */
  static Result run(Properties properties, List<String> jvmOptions, List<String> args, Path errors)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TerminalProcess.class.getName());
    command.addAll(args);
    Path figuresFile = errors.resolveSibling(errors.getFileName() + ".out");
    long begin = System.nanoTime();
    Process child =
        new ProcessBuilder(command)
            .redirectOutput(figuresFile.toFile())
            .redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()))
            .start();
    try (OutputStream in = child.getOutputStream()) {
      properties.store(in, null);
    }
    if (!child.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      child.destroyForcibly();
      throw new IOException("terminal process " + args + " did not end" + tail(errors));
    }
    long wall = System.nanoTime() - begin;
    if (child.exitValue() != 0) {
      throw new IOException(
          "terminal process " + args + " exited with " + child.exitValue() + tail(errors));
    }
    Map<String, String> figures = new LinkedHashMap<>();
    for (String line : Files.readAllLines(figuresFile, StandardCharsets.UTF_8)) {
      int space = line.indexOf(' ');
      if (space > 0) {
        figures.put(line.substring(0, space), line.substring(space + 1));
      }
    }
    return new Result(figures, wall);
  }

  private static String tail(Path errors) throws IOException {
    List<String> lines = Files.exists(errors) ? Files.readAllLines(errors) : List.of();
    return lines.isEmpty()
        ? ""
        : ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }
}
