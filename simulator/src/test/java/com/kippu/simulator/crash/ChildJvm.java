package com.kippu.simulator.crash;

import com.kippu.atm.store.CrashPoints;
import com.kippu.simulator.KillableChild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link CrashChild} in a JVM of its own on this JVM's class path and reads its stdout: either
 * to its end (counting), or up to the kill point's marker, where the child is killed with SIGKILL
 * ({@link Process#destroyForcibly} on Linux) while it is parked right after that commit.
 */
final class ChildJvm {
  /** Exit status of a process ended by SIGKILL (128 + 9). */
  static final int KILLED = 137;

  private static final String EOF = KillableChild.EOF;

  private final Path log;
  private final Duration deadline;

  /**
   * @param log where the child's stderr goes (appended), for the failure messages
   * @param deadline how long one child may run before it is killed and the run fails
   */
  ChildJvm(Path log, Duration deadline) {
    this.log = log;
    this.deadline = deadline;
  }

  /** A commit of a kill point: the journal or a group-commit writer's thread name, and its n. */
  record KillPoint(String point, long n) {
    @Override
    public String toString() {
      return point + ":" + n;
    }
  }

  /**
   * Runs the pairs of scenario and branch directory to their end, counting commits; the child may
   * take the deadline once per scenario.
   */
  List<String> count(List<String> scenarioDirPairs) throws IOException, InterruptedException {
    Process child = start(CrashPoints.COUNT, scenarioDirPairs);
    List<String> done = new ArrayList<>();
    BlockingQueue<String> lines = KillableChild.stdout(child);
    Duration allowed = deadline.multipliedBy(Math.max(1, scenarioDirPairs.size() / 2));
    long end = System.nanoTime() + allowed.toNanos();
    while (true) {
      String line = lines.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        child.destroyForcibly().waitFor();
        throw new IllegalStateException("counting run did not end within " + allowed + tail());
      }
      if (line.equals(EOF)) {
        break;
      }
      if (line.startsWith(CrashChild.DONE + " ")) {
        done.add(line);
      }
    }
    int status = child.waitFor();
    if (status != 0) {
      throw new IllegalStateException("counting run exited with " + status + tail());
    }
    return done;
  }

  /**
   * Runs {@code scenario} on {@code dir} up to {@code point} and kills the child there.
   *
   * @throws IllegalStateException when the child ends, fails or outlives the deadline without
   *     reaching the kill point
   */
  void killAt(KillPoint point, String scenario, Path dir) throws IOException, InterruptedException {
    Process child = start(point.toString(), List.of(scenario, dir.toString()));
    String marker = CrashPoints.MARKER + " " + point.point() + " " + point.n();
    BlockingQueue<String> lines = KillableChild.stdout(child);
    long end = System.nanoTime() + deadline.toNanos();
    List<String> seen = new ArrayList<>();
    while (true) {
      String line = lines.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(EOF)) {
        child.destroyForcibly().waitFor();
        throw new IllegalStateException(
            "kill point "
                + point
                + " of "
                + scenario
                + " not reached"
                + (line == null ? " within " + deadline : "")
                + "; the child printed "
                + seen
                + tail());
      }
      if (line.equals(marker)) {
        break;
      }
      seen.add(line);
    }
    child.destroyForcibly();
    int status = child.waitFor();
    if (status != KILLED) {
      throw new IllegalStateException(
          "the child at " + point + " ended with " + status + ", not by SIGKILL" + tail());
    }
  }

  private Process start(String crashPoint, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A short-lived child on cores shared with other builds: C1 only and the serial collector
    // spend the least CPU (about a quarter less than C2 in a loaded run).
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-D" + CrashPoints.PROPERTY + "=" + crashPoint);
    String logging = System.getProperty("java.util.logging.config.file");
    if (logging != null) {
      command.add("-Djava.util.logging.config.file=" + logging);
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CrashChild.class.getName());
    command.addAll(args);
    Files.writeString(
        log,
        "== " + crashPoint + " " + args + System.lineSeparator(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    Process child =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    child.getOutputStream().close();
    return child;
  }

  /** The last lines of the child's stderr, for a failure message. */
  private String tail() {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "; child stderr ("
          + log
          + "):\n  "
          + String.join("\n  ", all.subList(Math.max(0, all.size() - 20), all.size()));
    } catch (IOException e) {
      return "; child stderr unreadable: " + e;
    }
  }
}
