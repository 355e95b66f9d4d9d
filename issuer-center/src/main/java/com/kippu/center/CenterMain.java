package com.kippu.center;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the issuer center standalone until the process is stopped. Settings come from system
 * properties, overridden by {@code --key=value} arguments (see {@link CenterConfig}), e.g. {@code
 * --center.db=center.db --center.port=8480} or {@code
 * --center.db.url=jdbc:postgresql://127.0.0.1:5432/kippu --center.db.user=kippu}.
 */
public final class CenterMain {
  private CenterMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> settings = new HashMap<>();
    System.getProperties().stringPropertyNames().stream()
        .filter(k -> k.startsWith("center."))
        .forEach(k -> settings.put(k, System.getProperty(k)));
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        System.err.println(
            "usage: CenterMain [--center.db=FILE | --center.db.url=jdbc:postgresql://...]"
                + " [--center.port=N] [...]");
        System.exit(2);
        return;
      }
      String[] kv = arg.substring(2).split("=", 2);
      settings.put(kv[0], kv[1]);
    }
    IssuerCenterServer server = IssuerCenterServer.start(CenterConfig.from(settings));
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
