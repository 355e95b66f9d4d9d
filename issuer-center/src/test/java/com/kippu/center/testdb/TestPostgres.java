package com.kippu.center.testdb;

import com.kippu.center.load.EmbeddedPostgres;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * One real PostgreSQL server for the whole test JVM ({@link EmbeddedPostgres}, fsync off), started
 * on first use and stopped when the JVM exits. Each caller gets a fresh, empty database.
 *
 * <p>System properties: {@code kippu.postgres=skip} skips the PostgreSQL variants (they are
 * reported as skipped); {@code kippu.postgres.url=jdbc:postgresql://host:port/db?user=..} uses that
 * server instead of starting one. Without either, the variants are skipped on a machine the bundled
 * binaries cannot run on (not Linux x86-64), and failing to start PostgreSQL on one they can run on
 * fails the tests.
 */
public final class TestPostgres {
  public static final String USER = EmbeddedPostgres.USER;

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private static String adminUrl;
  private static RuntimeException startFailure;

  private TestPostgres() {}

  /** A JDBC URL (user and password included) of a new empty database; aborts when skipped. */
  public static synchronized String newDatabaseUrl() {
    Assumptions.assumeFalse(
        "skip".equalsIgnoreCase(System.getProperty("kippu.postgres", "")),
        "PostgreSQL tests skipped by -Dkippu.postgres=skip");
    boolean external = !System.getProperty("kippu.postgres.url", "").isBlank();
    Assumptions.assumeTrue(
        external || EmbeddedPostgres.runsHere(),
        () ->
            "PostgreSQL tests skipped: the bundled PostgreSQL runs on Linux x86-64 only, this is "
                + System.getProperty("os.name")
                + " "
                + System.getProperty("os.arch")
                + "; give -Dkippu.postgres.url=jdbc:postgresql://host:port/db?user=..&password=.."
                + " to run them against an existing server");
    if (startFailure != null) {
      throw startFailure;
    }
    if (adminUrl == null) {
      try {
        adminUrl = external ? external() : start();
      } catch (RuntimeException e) {
        startFailure =
            new IllegalStateException(
                "PostgreSQL for the tests could not be started (use -Dkippu.postgres=skip to run"
                    + " without, or -Dkippu.postgres.url=... for an existing server): "
                    + e.getMessage(),
                e);
        throw startFailure;
      }
    }
    String name = "kippu_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    return EmbeddedPostgres.createDatabase(adminUrl, name);
  }

  private static String external() {
    return System.getProperty("kippu.postgres.url").strip();
  }

  private static String start() {
    EmbeddedPostgres server = EmbeddedPostgres.start(EmbeddedPostgres.Durability.THROWAWAY, 200);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (RuntimeException e) {
                    // the JVM is going away; nothing left to report to
                  }
                },
                "test-postgres-stop"));
    return server.adminUrl();
  }
}
