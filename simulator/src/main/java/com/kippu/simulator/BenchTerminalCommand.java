package com.kippu.simulator;

import com.kippu.simulator.bench.TerminalBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench-terminal}: measures the terminal plugin on a fresh branch; see {@link
 * TerminalBenchmark}.
 */
@Command(
    name = "bench-terminal",
    description =
        "Measures the ticket plugin on a fresh branch: session machine time per payment method"
            + " against an echo and a GET, heap after many sessions in a 64 MB JVM, cold and warm"
            + " start. Exits 1 when a session did not complete.")
final class BenchTerminalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      description =
          "Fresh state directory for the branch (default: ${DEFAULT-VALUE}); emptied first.")
  Path dir = Path.of("run", "bench-terminal");

  @Option(
      names = "--sessions",
      paramLabel = "N",
      description = "Measured sessions per payment method (default: ${DEFAULT-VALUE}).")
  int sessions = 150;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      description =
          "Sessions played before measuring, methods in turn (default: ${DEFAULT-VALUE}).")
  int warmup = 250;

  @Option(
      names = "--heap-sessions",
      paramLabel = "N",
      description =
          "Sessions the 64 MB terminal JVM serves at least before its heap is read"
              + " (default: ${DEFAULT-VALUE}).")
  int heapSessions = 1000;

  @Option(
      names = "--starts",
      paramLabel = "N",
      description =
          "Cold starts (fresh JVMs) and warm starts measured (default: ${DEFAULT-VALUE}).")
  int starts = 3;

  @Option(
      names = "--terminal-jvm-option",
      paramLabel = "OPTION",
      description =
          "Added to the command line of every terminal JVM, e.g. to profile it or try a JVM"
              + " setting; repeatable.")
  List<String> terminalJvmOptions = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    deleteTree(dir);
    BranchLog.configure(dir);
    return new TerminalBenchmark(
            new TerminalBenchmark.Options(
                dir, sessions, warmup, heapSessions, starts, terminalJvmOptions),
            spec.commandLine().getOut())
        .run();
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
