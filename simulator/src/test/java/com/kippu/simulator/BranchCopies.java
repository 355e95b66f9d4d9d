package com.kippu.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Copies of a seeded branch directory for crash tests: each kill point runs on a copy of its own,
 * deleted once audited to keep the disk use flat.
 */
public final class BranchCopies {
  private BranchCopies() {}

  /** Copies the branch in {@code dir} to {@code copy}, file attributes (owner-only modes) kept. */
  public static Path copy(Path dir, Path copy) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path from : (Iterable<Path>) files::iterator) {
        Path to = copy.resolve(dir.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return copy;
  }

  /** Deletes a copy and everything in it. */
  public static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }
}
