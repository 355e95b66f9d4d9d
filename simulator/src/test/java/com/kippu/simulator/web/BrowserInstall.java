package com.kippu.simulator.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A browser for the browser tests: on the path, or installed by the project's own script from the
 * system's packages (never downloaded by a test).
 */
final class BrowserInstall {
  private BrowserInstall() {}

  /**
   * Makes sure {@code binary} is on the path, running {@code scripts/<script>} when it is not.
   *
   * @return the binary's name
   */
  static String ensure(String binary, String script) throws IOException, InterruptedException {
    if (onPath(binary)) {
      return binary;
    }
    Path file = projectRoot(script).resolve("scripts").resolve(script);
    Process install = new ProcessBuilder("bash", file.toString()).inheritIO().start();
    if (install.waitFor(15, TimeUnit.MINUTES) && install.exitValue() == 0 && onPath(binary)) {
      return binary;
    }
    throw new IllegalStateException(
        "no " + binary + " for the browser tests, and " + file + " could not install it");
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  private static Path projectRoot(String script) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("scripts").resolve(script))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("scripts/" + script + " not found above the test dir");
    }
    return dir;
  }
}
