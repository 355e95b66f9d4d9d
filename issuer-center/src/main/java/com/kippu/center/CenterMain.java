package com.kippu.center;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the issuer center standalone until the process is stopped. Settings come from an optional
 * properties file ({@code --config=FILE}), {@code CENTER_*} environment variables, system
 * properties and {@code --key=value} arguments, in that order (see {@link CenterSettings}), e.g.
 * {@code --center.db=center.db --center.port=8480} or {@code
 * --center.db.url=jdbc:postgresql://127.0.0.1:5432/kippu --center.db.user=kippu}. An unknown key
 * stops start-up with its name.
 */
public final class CenterMain {
  private CenterMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> overrides = new HashMap<>();
    System.getProperties().stringPropertyNames().stream()
        .filter(k -> k.startsWith("center."))
        .forEach(k -> overrides.put(k, System.getProperty(k)));
    Path file = null;
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        System.err.println(
            "usage: CenterMain [--config=FILE] [--center.db=FILE |"
                + " --center.db.url=jdbc:postgresql://...] [--center.port=N] [...]");
        System.exit(2);
        return;
      }
      String[] kv = arg.substring(2).split("=", 2);
      if (kv[0].equals("config")) {
        file = Path.of(kv[1]);
      } else {
        overrides.put(kv[0], kv[1]);
      }
    }
    CenterConfig config;
    try {
      config = CenterConfig.from(CenterSettings.read(file, System.getenv(), overrides));
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      System.err.println("issuer center not started: " + e.getMessage());
      System.exit(2);
      return;
    }
    IssuerCenterServer server = IssuerCenterServer.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    System.out.println("issuer center up at " + server.baseUri());
    stopped.await();
  }
}
