package com.kippu.simulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.simulator.SimulatorMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.LogManager;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kippu-simulator bench-terminal} at toy scale, through the command line, with its terminal
 * JVMs: every figure line is printed and well formed. No timing is asserted.
 */
class BenchTerminalIntegrationTest {
  private static final String MS = "(\\d+(?:\\.\\d+)?) ms";

  @TempDir Path dir;

  @AfterEach
  void restoreLogging() throws IOException {
    // The command sends the JVM's log into its directory; later tests log as before.
    LogManager.getLogManager().readConfiguration();
  }

  @Test
  void printsEveryFigureForATinyRun() {
    StringWriter printed = new StringWriter();
    CommandLine cli = new CommandLine(new SimulatorMain());
    cli.setOut(new PrintWriter(printed, true));

    int exit =
        cli.execute(
            "bench-terminal",
            "--dir",
            dir.resolve("bench").toString(),
            "--sessions",
            "3",
            "--warmup",
            "5",
            "--heap-sessions",
            "25",
            "--starts",
            "1");

    String text = printed.toString();
    assertEquals(0, exit, text);
    List<String> lines = text.lines().toList();
    line(lines, "cold start: \\d+ ms");
    line(lines, "warm start: \\d+ ms .*");
    line(lines, "heap after 25 sessions: \\d+\\.\\d MB");
    line(lines, "baseline echo: p50 " + MS + " p99 " + MS + " .*");
    line(lines, "baseline GET /v1/events: p50 " + MS + " p99 " + MS + " .*");
    for (BenchMethod method : BenchMethod.ALL) {
      Matcher session = line(lines, "session " + method.name() + ": p50 " + MS + " p99 " + MS);
      assertTrue(
          Double.parseDouble(session.group(1)) <= Double.parseDouble(session.group(2)),
          "p50 above p99: " + session.group());
      int at = lines.indexOf(session.group());
      assertTrue(
          lines.get(at + 1).matches("  p50 = [\\d.]+ echoes = [\\d.]+ GETs .*; 3 of 3 completed"),
          lines.get(at + 1));
    }
    line(lines, "bench-terminal: \\d+ cores, load average .*");
  }

  private static Matcher line(List<String> lines, String regex) {
    Pattern pattern = Pattern.compile(regex);
    return lines.stream()
        .map(pattern::matcher)
        .filter(Matcher::matches)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no line matches " + regex + " in\n" + String.join("\n", lines)));
  }
}
