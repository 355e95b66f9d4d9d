package com.kippu.center;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What a test run exercised of {@code openapi.yaml}: every documented answer {@link CenterClient}
 * validated, as {@code METHOD /path/{}/template status}, and every test class that ran. Kept in
 * memory and written, when the run ends, to the folder the system property {@value #FOLDER} names
 * (one file per test JVM), so that {@link OpenApiCoverageCheck} can later judge the whole run
 * whatever order its classes ran in. Without the property (a run from an IDE) nothing is written.
 */
final class OpenApiExchanges {
  static final String FOLDER = "kippu.openapi.exchanges";

  private static final String ANSWER = "answer ";
  private static final String CLASS = "class ";
  private static final Set<String> ANSWERS = ConcurrentHashMap.newKeySet();
  private static final Set<String> CLASSES = ConcurrentHashMap.newKeySet();

  /** What one or more runs recorded. */
  record Recorded(Set<String> answers, Set<String> classes) {}

  private OpenApiExchanges() {}

  /** {@code operation} ({@code METHOD /path/{}/template}) answered {@code status}. */
  static void answered(String operation, int status) {
    ANSWERS.add(operation + " " + status);
  }

  /** The test class {@code name} ran (or was skipped as a whole, which is a decision too). */
  static void classRan(String name) {
    CLASSES.add(name);
  }

  /** Writes this JVM's record into the folder {@value #FOLDER} names, if it names one. */
  static void write() {
    String folder = System.getProperty(FOLDER, "");
    if (folder.isBlank()) {
      return;
    }
    List<String> lines = new ArrayList<>();
    new TreeSet<>(CLASSES).forEach(c -> lines.add(CLASS + c));
    new TreeSet<>(ANSWERS).forEach(a -> lines.add(ANSWER + a));
    try {
      Path dir = Files.createDirectories(Path.of(folder));
      Files.write(
          dir.resolve("run-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".txt"),
          lines,
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything the runs recorded in {@code folder} wrote; nothing when it does not exist. */
  static Recorded read(Path folder) {
    Set<String> answers = new TreeSet<>();
    Set<String> classes = new TreeSet<>();
    if (!Files.isDirectory(folder)) {
      return new Recorded(answers, classes);
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (line.startsWith(ANSWER)) {
            answers.add(line.substring(ANSWER.length()));
          } else if (line.startsWith(CLASS)) {
            classes.add(line.substring(CLASS.length()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Recorded(answers, classes);
  }
}
