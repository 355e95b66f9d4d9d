package com.kippu.simulator;

import com.kippu.atm.store.CrashPoints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A kiosk crash test's child JVM: a {@code main} class run on this JVM's class path with a kill
 * point ({@link CrashPoints#PROPERTY}); it runs to its end when the point is {@link
 * CrashPoints#COUNT}, else it is killed with SIGKILL ({@link Process#destroyForcibly} on Linux) as
 * soon as it prints the point's marker, parked right after that commit. Its stderr is appended to
 * {@code log}, each run headed by a {@code ==} line.
 */
public final class KillableChild {
  /**
   * The line that ends {@link #stdout}'s queue: the child's stdout closed (it ended or was killed).
   */
  public static final String EOF = "\u0000EOF";

  private final Path log;
  private final Duration deadline;

  /**
   * @param log where every child's stderr goes (appended), for the failure messages
   * @param deadline how long one child may run before it is killed and the run fails
   */
  KillableChild(Path log, Duration deadline) {
    this.log = log;
    this.deadline = deadline;
  }

  /** Runs {@code main} with {@code args} up to {@code crashPoint}; returns its stdout lines. */
  List<String> run(String crashPoint, Class<?> main, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Short-lived children on shared cores: C1 only and the serial collector cost the least CPU.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-D" + CrashPoints.PROPERTY + "=" + crashPoint);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    Files.writeString(
        log,
        "== " + crashPoint + " " + List.of(args) + System.lineSeparator(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    Process p =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    p.getOutputStream().close();
    BlockingQueue<String> lines = stdout(p);
    List<String> seen = new ArrayList<>();
    long end = System.nanoTime() + deadline.toNanos();
    boolean counting = crashPoint.equals(CrashPoints.COUNT);
    while (true) {
      String line = lines.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        p.destroyForcibly().waitFor();
        throw new IllegalStateException(
            "the child at " + crashPoint + " outlived its deadline" + lastErrors());
      }
      if (line.equals(EOF)) {
        break;
      }
      seen.add(line);
      if (!counting && line.startsWith(CrashPoints.MARKER + " ")) {
        p.destroyForcibly();
        break;
      }
    }
    int status = p.waitFor();
    if (counting && status != 0) {
      throw new IllegalStateException(
          "the counting child exited with " + status + ": " + seen + lastErrors());
    }
    return seen;
  }

  /** What the last child wrote to its error stream (its last 12 lines), for a failure's message. */
  String lastErrors() throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
    int start = 0;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).startsWith("== ")) {
        start = i + 1;
      }
    }
    List<String> last = all.subList(start, all.size());
    return last.isEmpty()
        ? ""
        : "\n  " + String.join("\n  ", last.subList(Math.max(0, last.size() - 12), last.size()));
  }

  /** The child's stdout as lines on a queue, ended by {@link #EOF}. */
  public static BlockingQueue<String> stdout(Process child) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // Killed: its stdout ends here.
              } finally {
                lines.add(EOF);
              }
            },
            "killable-child-stdout");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }
}
